package io.shikong.ows.wfs.getfeature;

import io.shikong.core.catalog.AttributeDefinition;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.encode.Chunks;
import io.shikong.core.encode.FeatureCollectionStream;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import io.shikong.core.feature.Feature;
import io.shikong.core.query.Query;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.store.FeatureCursor;
import io.shikong.ows.OwsExceptionReport;
import io.shikong.ows.wfs.WfsContext;
import io.shikong.ows.wfs.WfsVersion;
import io.shikong.ows.xml.Xml;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.function.LongFunction;

/**
 * Answers GetFeature and GetPropertyValue: plans the page over the requested types (counts first, so
 * numberMatched and numberReturned are on the root element), then streams the features in the chosen
 * format. Every type is read in a stable order, so STARTINDEX pages never skip or repeat.
 */
public final class GetFeatureHandler {

    /** A response body and its content type. */
    public record Result(String contentType, Chunks body) {
    }

    /** The output formats GetFeature writes. */
    public enum Format { GML32, GML311, GEOJSON, CSV }

    private final WfsContext ctx;

    public GetFeatureHandler(WfsContext ctx) {
        this.ctx = ctx;
    }

    /**
     * @param pageUrl builds the URL of the page starting at an index (KVP requests), or {@code null}
     * @param describeUrl the DescribeFeatureType URL for xsi:schemaLocation
     */
    public Result handle(GetFeatureRequest request, LongFunction<String> pageUrl, String describeUrl) {
        Format format = format(request.outputFormat(), request.version());
        int limit = request.count() == null ? ctx.settings().countDefault() : request.count();
        long skip = request.startIndex();
        long remaining = limit;
        long matched = 0;
        List<FeaturePage.Part> parts = new ArrayList<>();
        List<VersionNavigation.Expanded> expanded = new ArrayList<>();
        for (GetFeatureRequest.Query q : request.queries()) {
            expanded.addAll(VersionNavigation.expand(ctx.store(), ctx.caller(), q, request.byId()));
        }
        // GeoJSON and CSV carry no numberMatched: one type's page is its query's offset and limit, without a count
        boolean uncounted = (format == Format.GEOJSON || format == Format.CSV) && !request.hits()
                && request.valueReference() == null && expanded.size() == 1;
        for (VersionNavigation.Expanded e : expanded) {
            GetFeatureRequest.Query q = e.query();
            Query base = Query.of(q.layer().name(), ctx.caller()).filter(q.filter(), null).time(q.time())
                    .properties(propertiesFor(q, request.valueReference())).sort(q.sort())
                    .outputCrs(q.srsName().crs()).build();
            long n = uncounted ? skip + remaining : ctx.store().count(base);
            matched += n;
            long offset = Math.min(skip, n);
            skip -= offset;
            long take = Math.min(remaining, n - offset);
            remaining -= take;
            if (take > 0 && !request.hits()) {
                boolean versions = q.time() instanceof TimeSelection.Range || q.time() instanceof TimeSelection.All
                        || e.versionIds();
                parts.add(new FeaturePage.Part(q.layer(), base.toBuilder().offset(offset).limit((int) take).build(),
                        q.srsName(), versions, e.state()));
            }
        }
        long returned = request.hits() ? 0 : limit - remaining;
        String next = null;
        String previous = null;
        if (pageUrl != null && request.hits() && request.count() != null && matched > request.startIndex()) {
            // a hits answer links to the results it counted (its page URLs never carry RESULTTYPE)
            next = pageUrl.apply(request.startIndex());
        }
        if (pageUrl != null && !request.hits()) {
            if (request.startIndex() + returned < matched && returned > 0) {
                next = pageUrl.apply(request.startIndex() + returned);
            }
            if (request.startIndex() > 0) {
                previous = pageUrl.apply(Math.max(0, request.startIndex() - limit));
            }
        }
        FeaturePage page = new FeaturePage(parts, matched, returned, next, previous);
        if (request.valueReference() != null) {
            return new Result("application/gml+xml; version=3.2", valueCollection(page, request.valueReference()));
        }
        if (request.hits()) {
            return new Result(contentType(format, request.version()), hits(page, request.version(), format));
        }
        if (request.byId() && format != Format.GEOJSON && format != Format.CSV) {
            return byId(parts, request, format);
        }
        // open the first cursor now: a bad filter or property is an exception report, not a broken stream
        FeatureCursor first = parts.isEmpty() ? null : ctx.store().read(parts.get(0).query());
        switch (format) {
            case GEOJSON: {
                Iterator<Feature> features = chain(parts, first);
                return new Result(jsonType(request.outputFormat()), new FeatureCollectionStream(features,
                        () -> ((AutoCloseable) features).close(), null, true, null, more -> List.of()));
            }
            case CSV: {
                if (parts.size() > 1) {
                    first.close();
                    // 400: the caller's mistake, so the text is shown; the report answers the code's 501
                    throw new ShikongException(OgcCode.OPTION_NOT_SUPPORTED, 400, "outputFormat",
                            "CSV holds one feature type per response", null);
                }
                if (parts.isEmpty() && request.queries().isEmpty()) {
                    // resource ids of no type the caller can see: nothing, and no type to take a header from
                    return new Result("text/csv; charset=UTF-8", Chunks.of(new byte[0]));
                }
                if (parts.isEmpty()) {
                    LayerDefinition l = request.queries().get(0).layer();
                    return new Result("text/csv; charset=UTF-8", new CsvFeatureStream(l, emptyCursor()));
                }
                return new Result("text/csv; charset=UTF-8", new CsvFeatureStream(parts.get(0).layer(), first));
            }
            default:
                return new Result(contentType(format, request.version()), new GmlFeatureStream(ctx.store(), page,
                        request.version(), format == Format.GML32, describeUrl, first));
        }
    }

    /** GetFeatureById in GML: the feature element itself (WFS 2.0, 7.9.3.6), or NotFound. */
    private Result byId(List<FeaturePage.Part> parts, GetFeatureRequest request, Format format) {
        if (parts.isEmpty()) {
            throw new ShikongException(OgcCode.NOT_FOUND, "ID", "no feature with that id" + (request.queries().isEmpty()
                    ? "" : " in " + request.queries().get(0).layer().name()));
        }
        FeaturePage.Part part = parts.get(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FeatureCursor c = ctx.store().read(part.query()); Xml x = new Xml(out)) {
            Feature f = c.next();
            GmlFeatureStream.writeFeature(x, part, f, format == Format.GML32, true);
        }
        return new Result(contentType(format, request.version()), Chunks.of(out.toByteArray()));
    }

    private static List<String> propertiesFor(GetFeatureRequest.Query q, String valueReference) {
        if (valueReference != null) {
            if (valueReference.equals(GetFeatureRequest.GML_ID)) {
                return List.of();
            }
            if (valueReference.equals(q.layer().geometryColumn()) || valueReference.equals(q.layer().validFromColumn())
                    || valueReference.equals(q.layer().validToColumn())) {
                return List.of();
            }
            if (q.layer().attribute(valueReference).isEmpty()) {
                throw new InvalidParameterException("valueReference", "unknown property '" + valueReference + "'");
            }
            return List.of(valueReference);
        }
        return q.properties();
    }

    /** The format an OUTPUTFORMAT value names (absent: the version's GML); an unserved one is an InvalidParameterValue. */
    public static Format format(String requested, WfsVersion version) {
        if (requested == null) {
            return version.v2() ? Format.GML32 : Format.GML311;
        }
        // a '+' sent unencoded arrives as a space
        String f = requested.toLowerCase(Locale.ROOT).replace(" ", "").replace("gmlxml", "gml+xml");
        if (f.equals("application/gml+xml;version=3.2") || f.equals("text/xml;subtype=gml/3.2") || f.equals("gml32")
                || f.equals("text/xml;subtype=gml/3.2.1")) {
            return Format.GML32;
        }
        if (f.equals("text/xml;subtype=gml/3.1.1") || f.equals("gml3") || f.equals("gml311")
                || f.equals("application/gml+xml;version=3.1") || (f.equals("text/xml") && !version.v2())) {
            return Format.GML311;
        }
        if (f.equals("application/json") || f.equals("json") || f.equals("geojson") || f.equals("application/geo+json")) {
            return Format.GEOJSON;
        }
        if (f.equals("text/csv") || f.equals("csv")) {
            return Format.CSV;
        }
        throw new InvalidParameterException("outputFormat", "output format '" + requested + "' is not served; use "
                + String.join(", ", version.v2() ? io.shikong.ows.wfs.capabilities.CapabilitiesWriter.OUTPUT_FORMATS_20
                : io.shikong.ows.wfs.capabilities.CapabilitiesWriter.OUTPUT_FORMATS_11));
    }

    /** GeoJSON is labelled as asked: {@code application/json} for clients that ask for it, else geo+json. */
    private static String jsonType(String requested) {
        return requested != null && requested.trim().equalsIgnoreCase("application/json") ? "application/json"
                : "application/geo+json";
    }

    private static String contentType(Format f, WfsVersion v) {
        return switch (f) {
            case GML32 -> "application/gml+xml; version=3.2";
            case GML311 -> "text/xml; subtype=gml/3.1.1";
            case GEOJSON -> "application/geo+json";
            case CSV -> "text/csv; charset=UTF-8";
        };
    }

    private Chunks hits(FeaturePage page, WfsVersion v, Format format) {
        byte[] body;
        if (format == Format.GEOJSON) {
            body = ("{\"type\":\"FeatureCollection\",\"numberMatched\":" + page.numberMatched()
                    + ",\"numberReturned\":0,\"features\":[]}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } else {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (Xml x = new Xml(out)) {
                x.start("wfs:FeatureCollection").ns("wfs", v.wfsNs).ns("gml", v.gmlNs)
                        .attr("timeStamp", Instant.now().toString().replaceAll("\\.\\d+Z$", "Z"));
                if (v.v2()) {
                    x.attr("numberMatched", String.valueOf(page.numberMatched())).attr("numberReturned", "0");
                    if (page.next() != null) {
                        x.attr("next", page.next());
                    }
                } else {
                    x.attr("numberOfFeatures", String.valueOf(page.numberMatched()));
                }
                x.end();
            }
            body = out.toByteArray();
        }
        return Chunks.of(body);
    }

    private Chunks valueCollection(FeaturePage page, String valueReference) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<FeaturePage.Part> parts = page.parts();
        FeatureCursor[] open = new FeatureCursor[1];
        try (Xml x = new Xml(out)) {
            x.start("wfs:ValueCollection").ns("wfs", WfsVersion.V2_0_0.wfsNs).ns("gml", WfsVersion.V2_0_0.gmlNs)
                    .ns(WfsContext.PREFIX, WfsContext.NAMESPACE)
                    .attr("timeStamp", Instant.now().toString().replaceAll("\\.\\d+Z$", "Z"))
                    .attr("numberMatched", String.valueOf(page.numberMatched()))
                    .attr("numberReturned", String.valueOf(page.numberReturned()));
            for (FeaturePage.Part p : parts) {
                try (FeatureCursor c = ctx.store().read(p.query())) {
                    open[0] = c;
                    var geometry = new io.shikong.ows.gml.GmlGeometryWriter(x, true, p.srsName().name(), p.srsName().latFirst());
                    while (c.hasNext()) {
                        Feature f = c.next();
                        x.start("wfs:member");
                        if (valueReference.equals(GetFeatureRequest.GML_ID)) {
                            x.text(p.layer().name() + "." + f.id());
                        } else if (valueReference.equals(p.layer().geometryColumn())) {
                            if (f.geometry() != null && !f.geometry().isEmpty()) {
                                geometry.write(f.geometry(), p.layer().name() + "." + f.id() + ".g");
                            }
                        } else if (valueReference.equals(p.layer().validFromColumn())) {
                            x.element(WfsContext.PREFIX + ":" + valueReference, String.valueOf(f.validFrom()));
                        } else if (valueReference.equals(p.layer().validToColumn())) {
                            x.element(WfsContext.PREFIX + ":" + valueReference, f.validTo() == null ? "" : f.validTo().toString());
                        } else {
                            Object v = f.get(valueReference);
                            x.element(WfsContext.PREFIX + ":" + valueReference, v == null ? "" : String.valueOf(v));
                        }
                        x.end();
                    }
                }
            }
            x.end();
        }
        return Chunks.of(out.toByteArray());
    }


    private static FeatureCursor emptyCursor() {
        return new FeatureCursor() {
            @Override
            public boolean hasNext() {
                return false;
            }

            @Override
            public Feature next() {
                throw new NoSuchElementException();
            }

            @Override
            public void close() {
            }
        };
    }

    /** The features of every part in turn, opening each cursor when the previous is done. */
    private Iterator<Feature> chain(List<FeaturePage.Part> parts, FeatureCursor first) {
        class Chain implements Iterator<Feature>, AutoCloseable {
            int index;
            FeatureCursor cursor = first;

            @Override
            public boolean hasNext() {
                while (cursor != null) {
                    if (cursor.hasNext()) {
                        return true;
                    }
                    cursor.close();
                    index++;
                    cursor = index < parts.size() ? ctx.store().read(parts.get(index).query()) : null;
                }
                return false;
            }

            @Override
            public Feature next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return cursor.next();
            }

            @Override
            public void close() {
                if (cursor != null) {
                    cursor.close();
                }
            }
        }
        return new Chain();
    }

}
