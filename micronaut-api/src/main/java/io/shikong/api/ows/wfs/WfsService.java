package io.shikong.api.ows.wfs;

import io.shikong.api.ows.Kvp;
import io.shikong.api.ows.wfs.capabilities.CapabilitiesWriter;
import io.shikong.api.ows.wfs.describe.SchemaWriter;
import io.shikong.api.ows.wfs.getfeature.GetFeatureHandler;
import io.shikong.api.ows.wfs.getfeature.GetFeatureKvpReader;
import io.shikong.api.ows.wfs.getfeature.GetFeatureRequest;
import io.shikong.api.ows.wfs.getfeature.GetFeatureXmlReader;
import io.shikong.api.ows.wfs.getfeature.StoredQueries;
import io.shikong.api.ows.wfs.lock.LockHandler;
import io.shikong.api.ows.wfs.lock.TransactionLock;
import io.shikong.api.ows.wfs.transaction.TransactionHandler;
import io.shikong.api.ows.wfs.transaction.TransactionXmlReader;
import io.shikong.api.ows.xml.Xml;
import io.shikong.api.stream.Chunks;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.error.ShikongException;
import io.shikong.core.params.Params;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;
import org.w3c.dom.Element;

/**
 * The Web Feature Service: one method per operation, each taking a typed request read from KVP or XML
 * and returning a body with its content type. Nothing here knows HTTP.
 */
public final class WfsService {

    /** A response: content type and body chunks. */
    public record Response(String contentType, Chunks body) {
    }

    private final WfsContext ctx;

    public WfsService(WfsContext ctx) {
        this.ctx = ctx;
    }

    /** Dispatches a KVP request (GET). {@code selfUrl} is the request URL for paging links. */
    public Response kvp(String request, Kvp kvp, LongFunction<String> pageUrl) {
        switch (request.toLowerCase(Locale.ROOT)) {
            case "getcapabilities":
                return capabilities();
            case "describefeaturetype":
                return describe(kvp.get("TYPENAMES", "TYPENAME"), kvp.get("OUTPUTFORMAT"));
            case "getfeature":
                return getFeature(new GetFeatureKvpReader(ctx).read(kvp, false), pageUrl);
            case "getpropertyvalue":
                requireV2("GetPropertyValue");
                return getFeature(new GetFeatureKvpReader(ctx).read(kvp, true), null);
            case "liststoredqueries":
                requireV2("ListStoredQueries");
                return xml(this::listStoredQueries);
            case "describestoredqueries":
                requireV2("DescribeStoredQueries");
                return xml(this::describeStoredQueries);
            case "lockfeature":
                return new LockHandler(ctx).lockFeature(kvp);
            case "getfeaturewithlock":
                return new LockHandler(ctx).getFeatureWithLock(kvp);
            case "transaction":
                throw new ShikongException(400, "OperationNotSupported", "request",
                        "Transaction is sent by POST as an XML document", null);
            default:
                throw new ShikongException(501, "OperationNotSupported", "request", "WFS has no operation '" + request
                        + "' (GetCapabilities, DescribeFeatureType, GetFeature, GetPropertyValue, ListStoredQueries, "
                        + "DescribeStoredQueries, Transaction, LockFeature, GetFeatureWithLock)", null);
        }
    }

    /** Dispatches an XML request (POST) by its root element. */
    public Response xml(Element root) {
        switch (root.getLocalName()) {
            case "GetCapabilities":
                return capabilities();
            case "DescribeFeatureType": {
                List<String> names = new ArrayList<>();
                for (Element e : io.shikong.api.ows.gml.GmlGeometryReader.elements(root)) {
                    if (e.getLocalName().equals("TypeName")) {
                        names.add(e.getTextContent().trim());
                    }
                }
                return describe(names.isEmpty() ? null : String.join(",", names), root.getAttribute("outputFormat"));
            }
            case "GetFeature":
                return getFeature(new GetFeatureXmlReader(ctx).read(root, false), null);
            case "GetPropertyValue":
                return getFeature(new GetFeatureXmlReader(ctx).read(root, true), null);
            case "ListStoredQueries":
                return xml(this::listStoredQueries);
            case "DescribeStoredQueries":
                return xml(this::describeStoredQueries);
            case "LockFeature":
                return new LockHandler(ctx).lockFeature(root);
            case "GetFeatureWithLock":
                return new LockHandler(ctx).getFeatureWithLock(root);
            case "Transaction":
                return xml(x -> new TransactionHandler(ctx).write(x, new TransactionHandler(ctx)
                        .apply(new TransactionXmlReader(ctx).read(root), TransactionLock.of(root)), root.getNamespaceURI()));
            default:
                throw new ShikongException(501, "OperationNotSupported", "request", "WFS has no operation '"
                        + root.getLocalName() + "'", null);
        }
    }

    private void requireV2(String op) {
        if (!ctx.version().v2()) {
            throw new ShikongException(501, "OperationNotSupported", "request", op + " is a WFS 2.0 operation", null);
        }
    }

    private Response capabilities() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CapabilitiesWriter(ctx).write(out);
        return new Response("application/xml", Chunks.of(out.toByteArray()));
    }

    private Response describe(String typeNames, String outputFormat) {
        List<LayerDefinition> layers = new ArrayList<>();
        if (typeNames == null) {
            layers.addAll(ctx.catalog().layers(ctx.caller()));
        } else {
            for (String t : Params.list(typeNames)) {
                layers.add(ctx.layer(t, "typeNames"));
            }
        }
        boolean gml32 = ctx.version().v2();
        if (outputFormat != null && !outputFormat.isBlank()) {
            String f = outputFormat.toLowerCase(Locale.ROOT).replace(" ", "");
            if (f.contains("3.2")) {
                gml32 = true;
            } else if (f.contains("3.1") || f.equals("text/xml") || f.equals("xmlschema")) {
                gml32 = false;
            } else {
                throw new ShikongException(400, "InvalidParameterValue", "outputFormat", "DescribeFeatureType output "
                        + "format '" + outputFormat + "' is not served", null);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SchemaWriter.write(out, layers, gml32);
        return new Response(gml32 ? "application/gml+xml; version=3.2" : "text/xml; subtype=gml/3.1.1",
                Chunks.of(out.toByteArray()));
    }

    private Response getFeature(GetFeatureRequest request, LongFunction<String> pageUrl) {
        String describe = ctx.serviceUrl() + "?service=WFS&version=" + ctx.version().number
                + "&request=DescribeFeatureType&typeNames=" + String.join(",", request.queries().stream()
                .map(q -> WfsContext.typeName(q.layer())).toList());
        GetFeatureHandler.Result r = new GetFeatureHandler(ctx).handle(request, pageUrl, describe);
        return new Response(r.contentType(), r.body());
    }

    private void listStoredQueries(Xml x) {
        x.start("wfs:ListStoredQueriesResponse").ns("wfs", WfsVersion.V2_0_0.wfsNs).ns(WfsContext.PREFIX, WfsContext.NAMESPACE);
        x.start("wfs:StoredQuery").attr("id", StoredQueries.GET_FEATURE_BY_ID);
        x.element("wfs:Title", "Get feature by identifier");
        for (LayerDefinition l : ctx.catalog().layers(ctx.caller())) {
            x.element("wfs:ReturnFeatureType", WfsContext.typeName(l));
        }
        x.end().end();
    }

    private void describeStoredQueries(Xml x) {
        x.start("wfs:DescribeStoredQueriesResponse").ns("wfs", WfsVersion.V2_0_0.wfsNs)
                .ns("xsd", "http://www.w3.org/2001/XMLSchema").ns(WfsContext.PREFIX, WfsContext.NAMESPACE);
        x.start("wfs:StoredQueryDescription").attr("id", StoredQueries.GET_FEATURE_BY_ID);
        x.element("wfs:Title", "Get feature by identifier");
        x.element("wfs:Abstract", "Returns the single feature whose identifier is ID (typeName.id)");
        x.start("wfs:Parameter").attr("name", "ID").attr("type", "xsd:string").end();
        x.start("wfs:QueryExpressionText").attr("isPrivate", "true").attr("language",
                "urn:ogc:def:queryLanguage:OGC-WFS::WFSQueryExpression").attr("returnFeatureTypes", "").end();
        x.end().end();
    }

    private Response xml(java.util.function.Consumer<Xml> writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Xml x = new Xml(out)) {
            writer.accept(x);
        }
        return new Response("application/xml", Chunks.of(out.toByteArray()));
    }

}
