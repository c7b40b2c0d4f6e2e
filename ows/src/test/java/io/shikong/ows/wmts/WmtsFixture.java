package io.shikong.ows.wmts;

import io.shikong.core.catalog.CatalogLoader;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.crs.CrsService;
import io.shikong.core.encode.Chunks;
import io.shikong.core.query.Query;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureCursor;
import io.shikong.core.store.FeatureStore;
import io.shikong.core.store.TimeExtent;
import io.shikong.ows.OwsDispatcher;
import io.shikong.ows.OwsResponse;
import io.shikong.ows.wfs.WfsSettings;
import io.shikong.ows.wms.PixelBudget;
import io.shikong.styles.sld.LayerStyles;
import io.shikong.tiles.TileService;
import io.shikong.tiles.TileSettings;
import io.shikong.tiles.grid.TileMatrixSets;
import io.shikong.tiles.grid.TileProjection;
import io.shikong.tiles.mvt.VectorTiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.locationtech.jts.geom.Envelope;

/**
 * A WMTS without a database: a catalog of a managed (timed) layer, a published layer without time and a
 * restricted layer, a store that knows their bounds (Shenyang) and valid-time extent, holds no feature and
 * remembers the last query it read, and a real tile service over it.
 */
final class WmtsFixture {

    static final LayerCatalog CATALOG = CatalogLoader.load(new ByteArrayInputStream("""
            layers:
              - name: buildings
                title: 建筑物 Buildings
                abstract: footprints
                geometry: MultiPolygon
                attributes: [{name: use, type: string}]
              - name: wells
                title: 水井 Wells
                table: public.wells
                id: well_id
                idType: integer
                geometry: Point
                attributes: [{name: well_id, type: integer}, {name: depth, type: double}]
              - name: pipelines
                title: 地下管线 Pipelines
                geometry: LineString
                access: restricted
                readRoles: [pipelines]
                attributes: [{name: network, type: string}]
            """.getBytes(StandardCharsets.UTF_8)));

    /** Central Shenyang, CGCS2000 longitude/latitude. */
    static final Envelope SHENYANG = new Envelope(123.2, 123.7, 41.6, 42.0);
    static final Instant FIRST_VERSION = Instant.parse("2020-01-01T00:00:00Z");
    static final Caller PIPELINES = Caller.of("engineer", "pipelines");
    static final long MAX_PIXELS = 4096L * 4096;

    /** The last query the store was asked to read. */
    static final AtomicReference<Query> LAST_READ = new AtomicReference<>();

    static final FeatureStore STORE = (FeatureStore) Proxy.newProxyInstance(FeatureStore.class.getClassLoader(),
            new Class<?>[] {FeatureStore.class}, (proxy, method, args) -> switch (method.getName()) {
                case "bounds" -> Optional.of(SHENYANG);
                case "timeExtent" -> Optional.of(new TimeExtent(FIRST_VERSION, null));
                case "read" -> {
                    LAST_READ.set((Query) args[0]);
                    yield emptyCursor();
                }
                case "kind" -> "fixture";
                case "hashCode" -> 1;
                case "equals" -> proxy == args[0];
                default -> method.getReturnType() == Optional.class ? Optional.empty()
                        : method.getReturnType() == long.class ? 0L : null;
            });

    static final CrsService CRS = new CrsService();
    static final TileMatrixSets SETS = new TileMatrixSets(CRS);
    static final LayerStyles STYLES = new LayerStyles(CATALOG);
    static final TileService TILES = new TileService(STORE, CATALOG, CRS, SETS, STYLES,
            new VectorTiles(STORE, CRS, SETS, new TileProjection(CRS), TileSettings.defaults().mvt()), null,
            TileSettings.defaults());
    static final OwsDispatcher DISPATCHER = new OwsDispatcher(CATALOG, STORE, CRS, new WfsSettings(10, 100), null, null,
            STYLES, new PixelBudget(MAX_PIXELS), MAX_PIXELS, TILES);

    private WmtsFixture() {
    }

    private static FeatureCursor emptyCursor() {
        return (FeatureCursor) Proxy.newProxyInstance(FeatureCursor.class.getClassLoader(),
                new Class<?>[] {FeatureCursor.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "hasNext" -> false;
                    case "next" -> throw new java.util.NoSuchElementException();
                    default -> null;
                });
    }

    static Map<String, List<String>> params(String query) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String kv : query.split("&")) {
            String[] p = kv.split("=", 2);
            params.computeIfAbsent(p[0], k -> new ArrayList<>()).add(p.length > 1 ? p[1] : "");
        }
        return params;
    }

    static byte[] bytes(OwsResponse r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Chunks c = r.body()) {
            for (byte[] b = c.next(); b != null; b = c.next()) {
                out.writeBytes(b);
            }
        }
        return out.toByteArray();
    }
}
