package io.shikong.ows.wfs;

import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.encode.Chunks;
import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import io.shikong.core.params.Params;
import io.shikong.core.storedquery.StoredQueryRepository;
import io.shikong.ows.Kvp;
import io.shikong.ows.OwsResponse;
import io.shikong.ows.wfs.capabilities.CapabilitiesWriter;
import io.shikong.ows.wfs.describe.SchemaWriter;
import io.shikong.ows.wfs.getfeature.GetFeatureHandler;
import io.shikong.ows.wfs.getfeature.GetFeatureKvpReader;
import io.shikong.ows.wfs.getfeature.GetFeatureRequest;
import io.shikong.ows.wfs.getfeature.GetFeatureXmlReader;
import io.shikong.ows.wfs.lock.LockHandler;
import io.shikong.ows.wfs.lock.TransactionLock;
import io.shikong.ows.wfs.storedquery.StoredQueryService;
import io.shikong.ows.wfs.transaction.TransactionHandler;
import io.shikong.ows.wfs.transaction.TransactionXmlReader;
import io.shikong.ows.xml.Xml;
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

    private final WfsContext ctx;
    private final StoredQueryService storedQueries;

    /** A service without created stored queries (only GetFeatureById; managing them is OperationNotSupported). */
    public WfsService(WfsContext ctx) {
        this(ctx, null);
    }

    /** @param storedQueries where the stored queries clients create are kept */
    public WfsService(WfsContext ctx, StoredQueryRepository storedQueries) {
        this.ctx = ctx;
        this.storedQueries = new StoredQueryService(ctx, storedQueries);
    }

    /** Dispatches a KVP request (GET). {@code pageUrl} gives the URL of the page starting at an index (paging links). */
    public OwsResponse kvp(String request, Kvp kvp, LongFunction<String> pageUrl) {
        switch (request.toLowerCase(Locale.ROOT)) {
            case "getcapabilities":
                return capabilities();
            case "describefeaturetype":
                return describe(kvp.get("TYPENAMES", "TYPENAME"), kvp.get("OUTPUTFORMAT"));
            case "getfeature":
                return getFeature(readKvp(kvp, false), pageUrl);
            case "getpropertyvalue":
                requireV2("GetPropertyValue");
                return getFeature(readKvp(kvp, true), null);
            case "liststoredqueries":
                requireV2("ListStoredQueries");
                return xml(storedQueries::list);
            case "describestoredqueries":
                requireV2("DescribeStoredQueries");
                return xml(x -> storedQueries.describe(Params.list(kvp.get("STOREDQUERY_ID")), "STOREDQUERY_ID", x));
            case "dropstoredquery":
                requireV2("DropStoredQuery");
                return xml(x -> storedQueries.drop(kvp.get("STOREDQUERY_ID", "ID"), "STOREDQUERY_ID", x));
            case "createstoredquery":
                // 400: the caller's mistake, so the text is shown; the report answers the code's 501
                throw new ShikongException(OgcCode.OPERATION_NOT_SUPPORTED, 400, "request",
                        "CreateStoredQuery is sent by POST as an XML document", null);
            case "lockfeature":
                return new LockHandler(ctx).lockFeature(kvp);
            case "getfeaturewithlock":
                return new LockHandler(ctx).getFeatureWithLock(kvp);
            case "transaction":
                throw new ShikongException(OgcCode.OPERATION_NOT_SUPPORTED, 400, "request",
                        "Transaction is sent by POST as an XML document", null);
            default:
                throw new ShikongException(OgcCode.OPERATION_NOT_SUPPORTED, "request", "WFS has no operation '" + request
                        + "' (GetCapabilities, DescribeFeatureType, GetFeature, GetPropertyValue, ListStoredQueries, "
                        + "DescribeStoredQueries, CreateStoredQuery, DropStoredQuery, Transaction, LockFeature, "
                        + "GetFeatureWithLock)");
        }
    }

    /** Dispatches an XML request (POST) by its root element. */
    public OwsResponse xml(Element root) {
        switch (root.getLocalName()) {
            case "GetCapabilities":
                return capabilities();
            case "DescribeFeatureType": {
                List<String> names = new ArrayList<>();
                for (Element e : io.shikong.ows.gml.GmlGeometryReader.elements(root)) {
                    if (e.getLocalName().equals("TypeName")) {
                        names.add(e.getTextContent().trim());
                    }
                }
                return describe(names.isEmpty() ? null : String.join(",", names), root.getAttribute("outputFormat"));
            }
            case "GetFeature":
                return getFeature(new GetFeatureXmlReader(ctx).read(storedQueries.expand(root), false), null);
            case "GetPropertyValue":
                return getFeature(new GetFeatureXmlReader(ctx).read(storedQueries.expand(root), true), null);
            case "ListStoredQueries":
                return xml(storedQueries::list);
            case "DescribeStoredQueries": {
                List<String> ids = new ArrayList<>();
                for (Element e : io.shikong.ows.gml.GmlGeometryReader.elements(root)) {
                    if (e.getLocalName().equals("StoredQueryId")) {
                        ids.add(e.getTextContent().trim());
                    }
                }
                return xml(x -> storedQueries.describe(ids, "StoredQueryId", x));
            }
            case "CreateStoredQuery":
                requireV2("CreateStoredQuery");
                return xml(x -> storedQueries.create(root, x));
            case "DropStoredQuery":
                requireV2("DropStoredQuery");
                return xml(x -> storedQueries.drop(root.getAttribute("id"), "id", x));
            case "LockFeature":
                return new LockHandler(ctx).lockFeature(root);
            case "GetFeatureWithLock":
                return new LockHandler(ctx).getFeatureWithLock(root);
            case "Transaction":
                return xml(x -> new TransactionHandler(ctx).write(x, new TransactionHandler(ctx)
                        .apply(new TransactionXmlReader(ctx).read(root), TransactionLock.of(root)), root.getNamespaceURI()));
            default:
                throw new ShikongException(OgcCode.OPERATION_NOT_SUPPORTED, "request", "WFS has no operation '"
                        + root.getLocalName() + "'");
        }
    }

    private void requireV2(String op) {
        if (!ctx.version().v2()) {
            throw new ShikongException(OgcCode.OPERATION_NOT_SUPPORTED, "request", op + " is a WFS 2.0 operation");
        }
    }

    private OwsResponse capabilities() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CapabilitiesWriter(ctx).write(out);
        return new OwsResponse("application/xml", Chunks.of(out.toByteArray()));
    }

    private OwsResponse describe(String typeNames, String outputFormat) {
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
                throw new ShikongException(OgcCode.INVALID_PARAMETER_VALUE, "outputFormat", "DescribeFeatureType output "
                        + "format '" + outputFormat + "' is not served");
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SchemaWriter.write(out, layers, gml32);
        return new OwsResponse(gml32 ? "application/gml+xml; version=3.2" : "text/xml; subtype=gml/3.1.1",
                Chunks.of(out.toByteArray()));
    }

    private OwsResponse getFeature(GetFeatureRequest request, LongFunction<String> pageUrl) {
        String describe = ctx.describeUrl(request.queries().stream().map(GetFeatureRequest.Query::layer).toList());
        GetFeatureHandler.Result r = new GetFeatureHandler(ctx).handle(request, pageUrl, describe);
        return new OwsResponse(r.contentType(), r.body());
    }

    /** A KVP GetFeature / GetPropertyValue; a created stored query is read as the XML request it stands for. */
    private GetFeatureRequest readKvp(Kvp kvp, boolean propertyValue) {
        Element stored = storedQueries.invocation(kvp, propertyValue);
        return stored != null ? new GetFeatureXmlReader(ctx).read(stored, propertyValue)
                : new GetFeatureKvpReader(ctx).read(kvp, propertyValue);
    }

    private OwsResponse xml(java.util.function.Consumer<Xml> writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Xml x = new Xml(out)) {
            writer.accept(x);
        }
        return new OwsResponse("application/xml", Chunks.of(out.toByteArray()));
    }

}
