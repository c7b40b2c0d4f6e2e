package io.shikong.ows.wfs.capabilities;

import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.Crs;
import io.shikong.core.filter.FilterOperators;
import io.shikong.ows.wfs.WfsContext;
import io.shikong.ows.wfs.WfsVersion;
import io.shikong.ows.wfs.storedquery.StoredQueryDefinition;
import io.shikong.ows.wfs.storedquery.StoredQueryService;
import io.shikong.ows.xml.Xml;
import java.io.OutputStream;
import java.util.List;
import org.locationtech.jts.geom.Envelope;

/**
 * WFS_Capabilities for 2.0.0 and 1.1.0: only the layers the caller may see, DCP links on the public
 * URL (QGIS sends every later request to them), paging constraints QGIS and GDAL read, and the filter
 * operators the stores really compile.
 */
public final class CapabilitiesWriter {

    public static final List<String> OUTPUT_FORMATS_20 = List.of("application/gml+xml; version=3.2",
            "text/xml; subtype=gml/3.2", "text/xml; subtype=gml/3.1.1", "application/json", "application/geo+json",
            "text/csv");
    public static final List<String> OUTPUT_FORMATS_11 = List.of("text/xml; subtype=gml/3.1.1",
            "application/gml+xml; version=3.2", "application/json", "application/geo+json", "text/csv");

    private final WfsContext ctx;

    public CapabilitiesWriter(WfsContext ctx) {
        this.ctx = ctx;
    }

    public void write(OutputStream out) {
        WfsVersion v = ctx.version();
        try (Xml x = new Xml(out)) {
            x.start("wfs:WFS_Capabilities").ns("wfs", v.wfsNs).ns("ows", v.owsNs).ns("fes", v.filterNs)
                    .ns("gml", v.gmlNs).ns("xlink", "http://www.w3.org/1999/xlink").ns(WfsContext.PREFIX, WfsContext.NAMESPACE)
                    .ns("xsi", "http://www.w3.org/2001/XMLSchema-instance");
            if (!v.v2()) {
                // WFS 1.1 filter capabilities live in the OGC filter namespace
                x.ns("ogc", v.filterNs);
            }
            x.attr("version", v.number)
                    .attr("xsi:schemaLocation", v.v2()
                            ? v.wfsNs + " http://schemas.opengis.net/wfs/2.0/wfs.xsd"
                            : v.wfsNs + " http://schemas.opengis.net/wfs/1.1.0/wfs.xsd");
            serviceIdentification(x, v);
            operations(x, v);
            featureTypes(x, v);
            if (v.v2()) {
                filterCapabilities20(x);
            } else {
                filterCapabilities11(x);
            }
            x.end();
        }
    }

    private void serviceIdentification(Xml x, WfsVersion v) {
        x.start("ows:ServiceIdentification");
        x.element("ows:Title", "时空 Shikong Web Feature Service 网络要素服务");
        x.element("ows:Abstract", "The city's spatio-temporal features with valid time and history. "
                + "Vendor parameters: CQL_FILTER (ECQL), TIME (the data as of an instant).");
        x.start("ows:Keywords").element("ows:Keyword", "WFS").element("ows:Keyword", "Shenyang").end();
        x.element("ows:ServiceType", "WFS");
        x.element("ows:ServiceTypeVersion", "2.0.0");
        x.element("ows:ServiceTypeVersion", "1.1.0");
        x.element("ows:Fees", "NONE");
        x.element("ows:AccessConstraints", "NONE");
        x.end();
        x.start("ows:ServiceProvider").element("ows:ProviderName", "Shikong").start("ows:ServiceContact").end().end();
    }

    private void operations(Xml x, WfsVersion v) {
        boolean writable = ctx.catalog().layers(ctx.caller()).stream()
                .anyMatch(l -> l.writable() && l.access().canWrite(ctx.caller()));
        x.start("ows:OperationsMetadata");
        operation(x, "GetCapabilities", () -> {
            parameter(x, v.v2() ? "AcceptVersions" : "AcceptVersions", List.of("2.0.0", "1.1.0"));
            parameter(x, "AcceptFormats", List.of("text/xml"));
        });
        operation(x, "DescribeFeatureType", () -> parameter(x, "outputFormat", v.v2()
                ? List.of("application/gml+xml; version=3.2", "text/xml; subtype=gml/3.1.1")
                : List.of("text/xml; subtype=gml/3.1.1", "application/gml+xml; version=3.2")));
        operation(x, "GetFeature", () -> {
            parameter(x, "resultType", List.of("results", "hits"));
            parameter(x, "outputFormat", v.v2() ? OUTPUT_FORMATS_20 : OUTPUT_FORMATS_11);
            if (v.v2()) {
                // references are never resolved: local is the only value (WFS 2.0, Table 14)
                parameter(x, "resolve", List.of("local"));
            }
        });
        if (v.v2()) {
            operation(x, "GetPropertyValue", () -> parameter(x, "outputFormat", List.of("application/gml+xml; version=3.2")));
            operation(x, "ListStoredQueries", () -> { });
            operation(x, "DescribeStoredQueries", () -> { });
            if (StoredQueryService.mayManage(ctx)) {
                operation(x, "CreateStoredQuery", () -> parameter(x, "language", List.of(StoredQueryDefinition.LANGUAGE)));
                operation(x, "DropStoredQuery", () -> { });
            }
        }
        if (writable) {
            operation(x, "Transaction", () -> {
                parameter(x, "inputFormat", List.of(v.defaultFormat));
                parameter(x, "releaseAction", List.of("ALL", "SOME"));
            });
            // locking (WFS 2.0 §12, §13) goes with the right to write: a lock only matters to writers
            operation(x, "LockFeature", () -> parameter(x, "lockAction", List.of("ALL", "SOME")));
            operation(x, "GetFeatureWithLock", () -> {
                parameter(x, "resultType", List.of("results"));
                parameter(x, "outputFormat", v.v2() ? List.of("application/gml+xml; version=3.2", "text/xml; subtype=gml/3.1.1")
                        : List.of("text/xml; subtype=gml/3.1.1", "application/gml+xml; version=3.2"));
                parameter(x, "lockAction", List.of("ALL", "SOME"));
            });
        }
        parameter(x, "version", List.of("2.0.0", "1.1.0"));
        if (v.v2()) {
            for (String c : List.of("ImplementsBasicWFS", "KVPEncoding", "XMLEncoding", "ImplementsResultPaging")) {
                constraint(x, c, "TRUE");
            }
            constraint(x, "ImplementsTransactionalWFS", writable ? "TRUE" : "FALSE");
            constraint(x, "ImplementsLockingWFS", writable ? "TRUE" : "FALSE");
            for (String c : List.of("SOAPEncoding", "ImplementsInheritance",
                    "ImplementsRemoteResolve", "ImplementsStandardJoins", "ImplementsSpatialJoins",
                    "ImplementsTemporalJoins")) {
                constraint(x, c, "FALSE");
            }
            // every change to a managed layer is a version, navigable by fes:ResourceId (VersionNavigation)
            constraint(x, "ImplementsFeatureVersioning", versioned() ? "TRUE" : "FALSE");
            // stored queries are managed by those who may write (CreateStoredQuery, DropStoredQuery)
            constraint(x, "ManageStoredQueries", StoredQueryService.mayManage(ctx) ? "TRUE" : "FALSE");
            constraint(x, "CountDefault", String.valueOf(ctx.settings().countDefault()));
            x.start("ows:Constraint").attr("name", "QueryExpressions").start("ows:AllowedValues")
                    .element("ows:Value", "wfs:Query").element("ows:Value", "wfs:StoredQuery").end().end();
        } else {
            constraint(x, "DefaultMaxFeatures", String.valueOf(ctx.settings().countDefault()));
        }
        x.end();
    }

    /** Whether the caller sees a layer with versions (managed layers; published tables have none). */
    private boolean versioned() {
        return ctx.catalog().layers(ctx.caller()).stream().anyMatch(LayerDefinition::versioned);
    }

    private void operation(Xml x, String name, Runnable parameters) {
        String url = ctx.serviceUrl();
        x.start("ows:Operation").attr("name", name);
        x.start("ows:DCP").start("ows:HTTP");
        x.start("ows:Get").attr("xlink:href", url + "?").end();
        x.start("ows:Post").attr("xlink:href", url).end();
        x.end().end();
        parameters.run();
        x.end();
    }

    private void parameter(Xml x, String name, List<String> values) {
        x.start("ows:Parameter").attr("name", name);
        if (ctx.version().v2()) {
            x.start("ows:AllowedValues");
        }
        for (String value : values) {
            x.element("ows:Value", value);
        }
        if (ctx.version().v2()) {
            x.end();
        }
        x.end();
    }

    private void constraint(Xml x, String name, String value) {
        x.start("ows:Constraint").attr("name", name);
        if (ctx.version().v2()) {
            x.start("ows:NoValues").end().element("ows:DefaultValue", value);
        } else {
            x.element("ows:Value", value);
        }
        x.end();
    }

    private void featureTypes(Xml x, WfsVersion v) {
        x.start("wfs:FeatureTypeList");
        if (!v.v2()) {
            // WFS 1.1 clients (QGIS) read editing rights from here, not from the Transaction operation
            boolean writable = ctx.catalog().layers(ctx.caller()).stream()
                    .anyMatch(l -> l.writable() && l.access().canWrite(ctx.caller()));
            x.start("wfs:Operations").element("wfs:Operation", "Query");
            if (writable) {
                x.element("wfs:Operation", "Insert").element("wfs:Operation", "Update").element("wfs:Operation", "Delete")
                        .element("wfs:Operation", "Lock");
            }
            x.end();
        }
        for (LayerDefinition l : ctx.catalog().layers(ctx.caller())) {
            x.start("wfs:FeatureType").ns(WfsContext.PREFIX, WfsContext.NAMESPACE);
            x.element("wfs:Name", WfsContext.typeName(l));
            x.element("wfs:Title", l.title());
            x.element("wfs:Abstract", l.description());
            if (!l.keywords().isEmpty()) {
                x.start("ows:Keywords");
                l.keywords().forEach(k -> x.element("ows:Keyword", k));
                x.end();
            }
            Crs storage = ctx.crsService().resolve("EPSG:" + l.srid());
            x.element(v.v2() ? "wfs:DefaultCRS" : "wfs:DefaultSRS", storage.urn());
            for (Crs c : ctx.crsService().supported()) {
                if (c.epsg() > 0 && !c.equals(storage) && !c.code().equals("CRS84")) {
                    x.element(v.v2() ? "wfs:OtherCRS" : "wfs:OtherSRS", c.urn());
                }
            }
            x.start("wfs:OutputFormats");
            (v.v2() ? OUTPUT_FORMATS_20 : OUTPUT_FORMATS_11).forEach(f -> x.element("wfs:Format", f));
            x.end();
            Envelope e = ctx.store().bounds(l.name(), ctx.caller())
                    .map(b -> ctx.crsService().transform(b, storage, ctx.crsService().resolve("CRS84")))
                    .orElse(new Envelope(-180, 180, -90, 90));
            x.start("ows:WGS84BoundingBox");
            x.element("ows:LowerCorner", e.getMinX() + " " + e.getMinY());
            x.element("ows:UpperCorner", e.getMaxX() + " " + e.getMaxY());
            x.end();
            x.end();
        }
        x.end();
    }

    private static final List<String> GEOMETRY_OPERANDS = List.of("gml:Envelope", "gml:Point", "gml:LineString",
            "gml:Polygon", "gml:MultiPoint", "gml:MultiCurve", "gml:MultiSurface", "gml:MultiLineString",
            "gml:MultiPolygon");

    private void filterCapabilities20(Xml x) {
        x.start("fes:Filter_Capabilities");
        x.start("fes:Conformance");
        for (String c : List.of("ImplementsQuery", "ImplementsAdHocQuery", "ImplementsResourceId",
                "ImplementsMinStandardFilter", "ImplementsStandardFilter", "ImplementsMinSpatialFilter",
                "ImplementsSpatialFilter", "ImplementsMinTemporalFilter", "ImplementsTemporalFilter", "ImplementsSorting",
                "ImplementsMinimumXPath")) {
            x.start("fes:Constraint").attr("name", c).start("ows:NoValues").end().element("ows:DefaultValue", "TRUE").end();
        }
        x.start("fes:Constraint").attr("name", "ImplementsVersionNav").start("ows:NoValues").end()
                .element("ows:DefaultValue", versioned() ? "TRUE" : "FALSE").end();
        for (String c : List.of("ImplementsFunctions", "ImplementsExtendedOperators")) {
            x.start("fes:Constraint").attr("name", c).start("ows:NoValues").end().element("ows:DefaultValue", "FALSE").end();
        }
        x.end();
        x.start("fes:Id_Capabilities").start("fes:ResourceIdentifier").attr("name", "fes:ResourceId").end().end();
        x.start("fes:Scalar_Capabilities").start("fes:LogicalOperators").end();
        x.start("fes:ComparisonOperators");
        FilterOperators.COMPARISON.stream()
                .forEach(o -> x.start("fes:ComparisonOperator").attr("name", o).end());
        x.end().end();
        x.start("fes:Spatial_Capabilities").start("fes:GeometryOperands");
        GEOMETRY_OPERANDS.forEach(g -> x.start("fes:GeometryOperand").attr("name", g).end());
        x.end().start("fes:SpatialOperators");
        FilterOperators.SPATIAL.forEach(o -> x.start("fes:SpatialOperator").attr("name", o).end());
        x.end().end();
        x.start("fes:Temporal_Capabilities").start("fes:TemporalOperands");
        List.of("gml:TimeInstant", "gml:TimePeriod").forEach(t -> x.start("fes:TemporalOperand").attr("name", t).end());
        x.end().start("fes:TemporalOperators");
        FilterOperators.TEMPORAL.forEach(o -> x.start("fes:TemporalOperator").attr("name", o).end());
        x.end().end();
        x.end();
    }

    private void filterCapabilities11(Xml x) {
        x.start("ogc:Filter_Capabilities");
        x.start("ogc:Spatial_Capabilities").start("ogc:GeometryOperands");
        List.of("gml:Envelope", "gml:Point", "gml:LineString", "gml:Polygon").forEach(g -> x.element("ogc:GeometryOperand", g));
        x.end().start("ogc:SpatialOperators");
        FilterOperators.SPATIAL.forEach(o -> x.start("ogc:SpatialOperator").attr("name", o).end());
        x.end().end();
        x.start("ogc:Scalar_Capabilities").start("ogc:LogicalOperators").end().start("ogc:ComparisonOperators");
        for (String o : List.of("LessThan", "GreaterThan", "LessThanEqualTo", "GreaterThanEqualTo", "EqualTo",
                "NotEqualTo", "Like", "Between", "NullCheck")) {
            x.element("ogc:ComparisonOperator", o);
        }
        x.end().end();
        x.start("ogc:Id_Capabilities").start("ogc:FID").end().start("ogc:EID").end().end();
        x.end();
    }
}
