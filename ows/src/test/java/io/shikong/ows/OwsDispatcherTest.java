package io.shikong.ows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.shikong.core.catalog.CatalogLoader;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.crs.CrsService;
import io.shikong.core.encode.Chunks;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureStore;
import io.shikong.ows.wfs.WfsSettings;
import io.shikong.ows.wms.PixelBudget;
import io.shikong.styles.sld.LayerStyles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher without HTTP: the service from SERVICE, the endpoint path or the XML root's namespace;
 * version negotiation; the errors it raises itself; and the context each error's report is written in.
 */
class OwsDispatcherTest {

    static final LayerCatalog CATALOG = CatalogLoader.load(new ByteArrayInputStream("""
            layers:
              - name: roads
                geometry: LineString
                attributes: [{name: name, type: string}]
            """.getBytes(StandardCharsets.UTF_8)));
    static final long MAX_PIXELS = 4096L * 4096;

    /** A store with no data: capabilities find no bounds and no time extent. */
    static final FeatureStore EMPTY = (FeatureStore) Proxy.newProxyInstance(FeatureStore.class.getClassLoader(),
            new Class<?>[] {FeatureStore.class},
            (proxy, method, args) -> method.getReturnType() == Optional.class ? Optional.empty() : null);

    final OwsDispatcher dispatcher = new OwsDispatcher(CATALOG, EMPTY, new CrsService(), new WfsSettings(10, 100), null,
            null, new LayerStyles(CATALOG), new PixelBudget(MAX_PIXELS), MAX_PIXELS);

    static Map<String, List<String>> params(String query) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String kv : query.split("&")) {
            String[] p = kv.split("=", 2);
            params.computeIfAbsent(p[0], k -> new ArrayList<>()).add(p.length > 1 ? p[1] : "");
        }
        return params;
    }

    OwsResponse get(String path, String query) {
        return dispatcher.kvp(path, params(query), Caller.ANONYMOUS, "http://h");
    }

    OwsException failure(String path, String query) {
        return catchThrowableOfType(() -> get(path, query), OwsException.class);
    }

    static String text(OwsResponse r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Chunks c = r.body()) {
            for (byte[] b = c.next(); b != null; b = c.next()) {
                out.writeBytes(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theServiceIsSERVICEElseThePath() {
        // an unknown operation names the service that refused it
        assertThat(failure("/ows", "service=WMS&request=Nope").getMessage()).startsWith("WMS has no operation");
        assertThat(failure("/ows", "SERVICE=wfs&REQUEST=Nope").getMessage()).startsWith("WFS has no operation");
        assertThat(failure("/wms", "request=Nope").context().service()).isEqualTo("WMS");
        assertThat(failure("/wfs", "request=Nope").getMessage()).startsWith("WFS has no operation");
        // SERVICE wins over the path
        assertThat(failure("/wfs", "service=WMS&request=Nope").getMessage()).startsWith("WMS has no operation");

        OwsResponse wms = get("/wms", "request=GetCapabilities");
        assertThat(wms.contentType()).isEqualTo("text/xml");
        assertThat(text(wms)).contains("WMS_Capabilities").contains("http://h/wms");
        OwsResponse wfs = get("/wfs", "request=GetCapabilities");
        assertThat(wfs.contentType()).isEqualTo("application/xml");
        assertThat(text(wfs)).contains("WFS_Capabilities").contains("http://h/wfs");
    }

    @Test
    void anXmlRequestIsDispatchedByItsRootsNamespace() {
        String caps = "<GetCapabilities xmlns=\"%s\" service=\"WFS\"/>";
        OwsResponse v2 = dispatcher.xml("/ows", caps.formatted("http://www.opengis.net/wfs/2.0")
                .getBytes(StandardCharsets.UTF_8), Caller.ANONYMOUS, "http://h");
        assertThat(text(v2)).contains("WFS_Capabilities").contains("version=\"2.0.0\"");
        OwsResponse v11 = dispatcher.xml("/ows", caps.formatted("http://www.opengis.net/wfs")
                .getBytes(StandardCharsets.UTF_8), Caller.ANONYMOUS, "http://h");
        assertThat(text(v11)).contains("WFS_Capabilities").contains("version=\"1.1.0\"");

        OwsException wms = catchThrowableOfType(() -> dispatcher.xml("/ows",
                caps.formatted("http://www.opengis.net/wms").getBytes(StandardCharsets.UTF_8), Caller.ANONYMOUS,
                "http://h"), OwsException.class);
        assertThat(wms.code()).isEqualTo("OperationNotSupported");
        assertThat(wms.status()).isEqualTo(400);
        assertThat(wms.context()).isEqualTo(ErrorContext.wfs("2.0.0"));

        OwsException mismatch = catchThrowableOfType(() -> dispatcher.xml("/wfs",
                "<GetFeature xmlns=\"http://www.opengis.net/wfs\" version=\"2.0.0\"/>".getBytes(StandardCharsets.UTF_8),
                Caller.ANONYMOUS, "http://h"), OwsException.class);
        assertThat(mismatch.code()).isEqualTo("InvalidParameterValue");
        assertThat(mismatch.locator()).isEqualTo("version");
        assertThat(mismatch.context().version()).isEqualTo("1.1.0");
    }

    @Test
    void anUnknownServiceIsAnInvalidValueOfService() {
        OwsException e = failure("/ows", "service=WCS&request=GetCapabilities");
        assertThat(e.code()).isEqualTo("InvalidParameterValue");
        assertThat(e.locator()).isEqualTo("service");
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.context()).isEqualTo(ErrorContext.wfs("2.0.0"));

        OwsException none = failure("/ows", "request=GetCapabilities");
        assertThat(none.code()).isEqualTo("MissingParameterValue");
        assertThat(none.locator()).isEqualToIgnoringCase("service");
    }

    @Test
    void aMissingRequestIsAMissingParameterValue() {
        for (String path : new String[] {"/wfs", "/wms"}) {
            OwsException e = failure(path, "version=1.1.0");
            assertThat(e.code()).as(path).isEqualTo("MissingParameterValue");
            assertThat(e.locator()).as(path).isEqualToIgnoringCase("request");
            assertThat(e.error()).as(path).isNotInstanceOf(OwsException.class);
        }
    }

    @Test
    void versionsAreNegotiated() {
        // WFS GetCapabilities: the first of ACCEPTVERSIONS served
        assertThat(text(get("/wfs", "request=GetCapabilities&acceptVersions=3.0.0,1.1.0"))).contains("version=\"1.1.0\"");
        OwsException none = failure("/wfs", "request=GetCapabilities&acceptVersions=3.0.0");
        assertThat(none.code()).isEqualTo("VersionNegotiationFailed");
        // other WFS operations take VERSION as it is; the report speaks it
        assertThat(failure("/wfs", "request=Nope&version=1.1.0").context()).isEqualTo(ErrorContext.wfs("1.1.0"));
        OwsException unserved = failure("/wfs", "request=DescribeFeatureType&version=1.0.0");
        assertThat(unserved.locator()).isEqualTo("version");
        assertThat(unserved.context()).isEqualTo(ErrorContext.wfs("2.0.0"));
        // WMS: the highest served below an unknown version, WMTVER as VERSION's old name
        OwsResponse v11 = get("/wms", "request=GetCapabilities&version=1.2.0");
        assertThat(v11.contentType()).isEqualTo("application/vnd.ogc.wms_xml");
        assertThat(text(v11)).contains("WMT_MS_Capabilities");
        assertThat(get("/wms", "request=GetCapabilities&wmtver=1.1.1").contentType()).isEqualTo("application/vnd.ogc.wms_xml");
        assertThat(get("/wms", "request=GetCapabilities&version=9").contentType()).isEqualTo("text/xml");
    }

    @Test
    void aWmsGetMapErrorCarriesWhatAnInImageReportNeeds() {
        OwsException e = failure("/ows", "SERVICE=WMS&VERSION=1.1.1&REQUEST=GetMap&LAYERS=nowhere&STYLES=&SRS=EPSG:4326"
                + "&BBOX=123,41,124,42&WIDTH=300&HEIGHT=200&FORMAT=image/png&TRANSPARENT=TRUE&EXCEPTIONS=application/vnd.ogc.se_inimage");
        assertThat(e.code()).isEqualTo("LayerNotDefined");
        assertThat(e.context()).isEqualTo(ErrorContext.wms("1.1.1", "application/vnd.ogc.se_inimage", "image/png",
                "300", "200", "TRUE"));
        assertThat(e.context().isWms()).isTrue();

        OwsException xml = failure("/wms", "REQUEST=GetMap&VERSION=1.3.0&EXCEPTIONS=INIMAGE&FORMAT=image/jpeg");
        assertThat(xml.context().exceptions()).isEqualTo("INIMAGE");
        assertThat(xml.context().format()).isEqualTo("image/jpeg");
        assertThat(xml.context().version()).isEqualTo("1.3.0");
    }

    @Test
    void parametersThatCannotBeReadAreReportedInTheContextThePathAndRawParametersGive() {
        OwsException wms = failure("/wms", "REQUEST=GetMap&FORMAT=image/png&format=image/jpeg&EXCEPTIONS=BLANK");
        assertThat(wms.code()).isEqualTo("InvalidParameterValue");
        assertThat(wms.context().service()).isEqualTo("WMS");
        assertThat(wms.context().exceptions()).isEqualTo("BLANK");
        OwsException wfs = failure("/wfs", "REQUEST=GetFeature&version=1.1.0&typeNames=a&TYPENAMES=b");
        assertThat(wfs.context()).isEqualTo(ErrorContext.wfs("2.0.0"));
        // for errors raised before the dispatcher ran (HTTP's 404, 405, 413, 415, 401)
        assertThat(OwsDispatcher.errorContext("/ows", params("service=WFS&version=1.1.0")))
                .isEqualTo(ErrorContext.wfs("1.1.0"));
        assertThat(OwsDispatcher.errorContext("/wms", params("version=1.1.1&exceptions=INIMAGE")).exceptions())
                .isEqualTo("INIMAGE");
    }
}
