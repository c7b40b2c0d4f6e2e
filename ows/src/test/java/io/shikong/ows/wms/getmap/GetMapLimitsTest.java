package io.shikong.ows.wms.getmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shikong.core.catalog.CatalogLoader;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import io.shikong.core.feature.Feature;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureCursor;
import io.shikong.core.store.FeatureStore;
import io.shikong.ows.Kvp;
import io.shikong.ows.wms.PixelBudget;
import io.shikong.ows.wms.WmsLimits;
import io.shikong.ows.wms.WmsService;
import io.shikong.ows.wms.WmsVersion;
import io.shikong.styles.sld.LayerStyles;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * GetMap's bounds on work the pixel budget does not see: layers per map, symbol sizes after DPI scaling, the
 * wildcards of an SLD_BODY's PropertyIsLike (each refused before the store is read, naming its key), and the
 * render deadline (drawing stops with a report naming {@code shikong.wms.render-timeout}).
 */
class GetMapLimitsTest {

    static final LayerCatalog CATALOG = CatalogLoader.load(new ByteArrayInputStream("""
            layers:
              - name: roads
                geometry: LineString
                attributes: [{name: name, type: string}]
            """.getBytes(StandardCharsets.UTF_8)));
    static final CrsService CRS = new CrsService();
    static final long MAX_PIXELS = 4096L * 4096;
    static final GeometryFactory GF = new GeometryFactory();

    /** Reads of the store: a refused map reads nothing. */
    final AtomicInteger reads = new AtomicInteger();

    /** A store whose every read is 1,000 short roads. */
    final FeatureStore store = (FeatureStore) Proxy.newProxyInstance(FeatureStore.class.getClassLoader(),
            new Class<?>[] {FeatureStore.class}, (proxy, method, args) -> switch (method.getName()) {
                case "read" -> {
                    reads.incrementAndGet();
                    yield cursor(roads(1000));
                }
                case "kind" -> "fixture";
                case "hashCode" -> 1;
                case "equals" -> proxy == args[0];
                default -> method.getReturnType() == Optional.class ? Optional.empty()
                        : method.getReturnType() == long.class ? 0L : null;
            });

    static List<Feature> roads(int n) {
        List<Feature> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = 123.3 + 0.3 * i / n;
            out.add(Feature.of("r" + i, GF.createLineString(new Coordinate[] {new Coordinate(x, 41.7), new Coordinate(x, 41.9)}),
                    Map.of("name", "road " + i)));
        }
        return out;
    }

    static FeatureCursor cursor(List<Feature> features) {
        Iterator<Feature> it = features.iterator();
        return new FeatureCursor() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Feature next() {
                return it.next();
            }

            @Override
            public void close() {
            }
        };
    }

    WmsService wms(WmsLimits limits) {
        return new WmsService(CATALOG, store, CRS, Caller.ANONYMOUS, WmsVersion.V1_3_0, "http://h/wms", limits,
                new PixelBudget(MAX_PIXELS), new LayerStyles(CATALOG));
    }

    static Kvp getMap(String extra) {
        Map<String, List<String>> p = new LinkedHashMap<>();
        for (String kv : ("SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&STYLES=&CRS=CRS:84&BBOX=123.3,41.7,123.6,41.9"
                + "&WIDTH=256&HEIGHT=256&FORMAT=image/png&" + extra).split("&")) {
            String[] a = kv.split("=", 2);
            p.computeIfAbsent(a[0], k -> new ArrayList<>()).add(a[1]);
        }
        return new Kvp(p);
    }

    static String sld(String rule) {
        return """
                <StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc">
                  <NamedLayer><Name>roads</Name><UserStyle><FeatureTypeStyle>""" + rule + """
                  </FeatureTypeStyle></UserStyle></NamedLayer></StyledLayerDescriptor>""";
    }

    static Kvp getMapWithSld(String rule, String extra) {
        Kvp k = getMap("LAYERS=roads" + extra);
        Map<String, List<String>> p = new LinkedHashMap<>();
        for (String name : List.of("SERVICE", "VERSION", "REQUEST", "STYLES", "CRS", "BBOX", "WIDTH", "HEIGHT", "FORMAT",
                "LAYERS", "DPI")) {
            if (k.get(name) != null) {
                p.put(name, List.of(k.get(name)));
            }
        }
        p.put("SLD_BODY", List.of(sld(rule)));
        return new Kvp(p);
    }

    @Test
    void aMapOfMoreLayersThanConfiguredIsRefusedBeforeAnyIsRead() {
        String layers = String.join(",", Collections.nCopies(200, "roads"));
        assertThatThrownBy(() -> wms(WmsLimits.of(MAX_PIXELS)).getMap(getMap("LAYERS=" + layers)))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                    assertThat(e.locator()).isEqualTo("LAYERS");
                    assertThat(e.getMessage()).isEqualTo("LAYERS names 200 layers; at most 32 are drawn in one map "
                            + "(shikong.wms.max-layers)");
                });
        assertThat(reads).hasValue(0);
        String at = String.join(",", Collections.nCopies(32, "roads"));
        assertThat(wms(WmsLimits.of(MAX_PIXELS)).getMap(getMap("LAYERS=" + at)).contentType()).isEqualTo("image/png");
        assertThat(reads).hasValue(32);
    }

    static final String WIDE = "<Rule><LineSymbolizer><Stroke><CssParameter name=\"stroke-width\">512</CssParameter>"
            + "</Stroke></LineSymbolizer></Rule>";

    @Test
    void aSymbolOverTheConfiguredSizeAfterDpiScalingIsRefused() {
        assertThatThrownBy(() -> wms(WmsLimits.of(MAX_PIXELS)).getMap(getMapWithSld(WIDE, "&DPI=1200")))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                    assertThat(e.locator()).isEqualTo("DPI");
                    assertThat(e.getMessage()).isEqualTo("a stroke-width of 512 px at DPI 1200 (×13.23) is drawn 6773 px "
                            + "wide; at most 512 px are drawn (shikong.wms.max-symbol-size)");
                });
        assertThat(reads).hasValue(0);
        // the same stroke at the OGC pixel is within the limit
        assertThat(wms(WmsLimits.of(MAX_PIXELS)).getMap(getMapWithSld(WIDE, "")).contentType()).isEqualTo("image/png");
    }

    @Test
    void aLikeOfMoreWildcardsThanConfiguredIsRefused() {
        String like = "<Rule><ogc:Filter><ogc:PropertyIsLike wildCard=\"*\" singleChar=\".\" escape=\"!\">"
                + "<ogc:PropertyName>name</ogc:PropertyName><ogc:Literal>*************************#</ogc:Literal>"
                + "</ogc:PropertyIsLike></ogc:Filter><LineSymbolizer/></Rule>";
        assertThatThrownBy(() -> wms(WmsLimits.of(MAX_PIXELS)).getMap(getMapWithSld(like, "")))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                    assertThat(e.locator()).isEqualTo("SLD_BODY");
                    assertThat(e.getMessage()).isEqualTo("a PropertyIsLike of SLD_BODY has 25 wildcards; at most 16 are "
                            + "accepted (shikong.wms.max-like-wildcards)");
                });
        assertThat(reads).hasValue(0);
    }

    @Test
    void drawingPastTheRenderTimeoutStopsWithAReportNamingIt() {
        WmsLimits instant = new WmsLimits(MAX_PIXELS, 32, 512, Duration.ofNanos(1), 16);
        assertThatThrownBy(() -> wms(instant).getMap(getMap("LAYERS=roads")))
                .isInstanceOfSatisfying(ShikongException.class, e -> {
                    assertThat(e.ogcCode()).isEqualTo(OgcCode.OPERATION_PROCESSING_FAILED);
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).startsWith("the map was not drawn within 0 ms (shikong.wms.render-timeout)");
                });
    }
}
