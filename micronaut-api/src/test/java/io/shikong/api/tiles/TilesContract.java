package io.shikong.api.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.shikong.core.feature.Feature;
import io.shikong.core.query.Query;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureCursor;
import io.shikong.core.store.FeatureStore;
import io.shikong.tiles.grid.TileMatrix;
import io.shikong.tiles.grid.TileMatrixSet;
import io.shikong.tiles.grid.TileMatrixSets;
import io.shikong.tiles.grid.TileProjection;
import io.shikong.tiles.seed.SeedJob;
import io.shikong.tiles.seed.SeedJobs;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Tiles end to end on a real store: MVT decoded by the Java decoder and GDAL's MVT driver, WMTS read by
 * GDAL's WMTS driver and OWSLib, CGCS2000 and Web Mercator tiles against WMS maps of the same area, an edit
 * through WFS-T seen by the next tile, HTTP caching (ETag, 304, gzip, Cache-Control), bad input refused in
 * each interface's convention with nothing cached, and seeding jobs over REST.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TilesContract {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN = "admin:pw";
    static final String PIPES = "pipe:pw";
    static final String WFS20 = "xmlns:wfs=\"http://www.opengis.net/wfs/2.0\" xmlns:fes=\"http://www.opengis.net/fes/2.0\" "
            + "xmlns:shikong=\"https://shikong.io/features\"";

    EmbeddedServer server;
    FeatureStore store;
    TileMatrixSets sets;
    TileProjection projection;
    Path cacheDir;
    Path work;
    String base;
    Feature building;

    abstract Map<String, Object> storeProperties() throws Exception;

    @BeforeAll
    void start() throws Exception {
        work = Files.createTempDirectory(Files.createDirectories(Path.of("target", "tiles-it")), "run");
        cacheDir = work.resolve("cache");
        Map<String, Object> props = new HashMap<>(storeProperties());
        props.put("micronaut.server.port", -1);
        props.put("shikong.samples.load", "true");
        props.put("shikong.users", "admin:pw:admin,pipe:pw:pipelines");
        props.put("shikong.tiles.cache-dir", cacheDir.toString());
        server = ApplicationContext.run(EmbeddedServer.class, props);
        store = server.getApplicationContext().getBean(FeatureStore.class);
        sets = server.getApplicationContext().getBean(TileMatrixSets.class);
        projection = server.getApplicationContext().getBean(TileProjection.class);
        base = server.getURI().toString();
        building = unchangedBuilding(store, 0);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    // --- helpers ------------------------------------------------------------------------------------

    /** The n-th building that never changed (version 1). */
    static Feature unchangedBuilding(FeatureStore store, int n) {
        int seen = 0;
        try (FeatureCursor c = store.read(Query.of("buildings", Caller.ANONYMOUS).build())) {
            while (c.hasNext()) {
                Feature f = c.next();
                if (f.version() == 1 && seen++ == n) {
                    return f;
                }
            }
        }
        throw new AssertionError("no unchanged building");
    }

    /** The tile {zoom, col, row} of a set holding a storage-CRS point. */
    static long[] tileOf(TileMatrixSets sets, TileProjection projection, String setId, int zoom, Coordinate storage) {
        TileMatrixSet set = sets.get(setId);
        TileMatrix m = set.matrix(zoom).orElseThrow();
        Envelope p = projection.toTiles(set, new Envelope(storage));
        long col = (long) Math.floor((p.centre().x - m.originX()) / m.tileSpanX());
        long row = (long) Math.floor((m.originY() - p.centre().y) / m.tileSpanY());
        return new long[] {zoom, col, row};
    }

    long[] tileOf(String setId, int zoom, Coordinate storage) {
        return tileOf(sets, projection, setId, zoom, storage);
    }

    /** The pixel of a storage-CRS point in a tile. */
    int[] pixelOf(String setId, long[] tile, Coordinate storage) {
        TileMatrixSet set = sets.get(setId);
        TileMatrix m = set.matrix((int) tile[0]).orElseThrow();
        Envelope b = m.tileBounds(tile[1], tile[2]);
        Envelope p = projection.toTiles(set, new Envelope(storage));
        return new int[] {(int) ((p.centre().x - b.getMinX()) / m.cellSize()), (int) ((b.getMaxY() - p.centre().y) / m.cellSize())};
    }

    static String path(String setId, long[] t, String ext) {
        return "/tiles/" + setId + "/" + t[0] + "/" + t[1] + "/" + t[2] + "." + ext;
    }

    static HttpResponse<byte[]> get(String url, String credentials, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120));
        if (credentials != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> get(String path) throws Exception {
        return get(base + path, null);
    }

    static HttpResponse<byte[]> send(String method, String url, String contentType, String body, String credentials)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (credentials != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    static BufferedImage image(HttpResponse<byte[]> r) throws IOException {
        assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(r.body()));
        assertThat(img).isNotNull();
        return img;
    }

    /** Layer name → its features' property maps, decoded by the Java MVT decoder. */
    static Map<String, List<Map<String, Object>>> mvt(byte[] body) throws IOException {
        Map<String, List<Map<String, Object>>> layers = new HashMap<>();
        for (JtsLayer l : MvtReader.loadMvt(new ByteArrayInputStream(body), new GeometryFactory(),
                new TagKeyValueMapConverter()).getLayers()) {
            List<Map<String, Object>> features = new ArrayList<>();
            for (Geometry g : l.getGeometries()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> props = g.getUserData() instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
                features.add(props);
            }
            layers.put(l.getName(), features);
        }
        return layers;
    }

    /**
     * Every file below the cache's tiles, relative to it, once the vector tiles answered so far are written
     * (the server writes them after the answer, {@code TileCache.putLater}).
     */
    Set<String> cachedFiles() throws IOException {
        server.getApplicationContext().getBean(io.shikong.tiles.TileService.class).cache()
                .ifPresent(io.shikong.tiles.cache.TileCache::flush);
        Path tiles = cacheDir.resolve("tiles");
        if (!Files.isDirectory(tiles)) {
            return Set.of();
        }
        try (Stream<Path> s = Files.walk(tiles)) {
            return s.filter(Files::isRegularFile).map(p -> tiles.relativize(p).toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** Pixels that differ by more than a small tolerance in any channel (alpha included). */
    static double mismatch(BufferedImage a, BufferedImage b) {
        assertThat(a.getWidth()).isEqualTo(b.getWidth());
        assertThat(a.getHeight()).isEqualTo(b.getHeight());
        long differ = 0;
        long painted = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                boolean any = (p >>> 24) > 0 || (q >>> 24) > 0;
                if (any) {
                    painted++;
                }
                if (any && channelsDiffer(p, q, 40)) {
                    differ++;
                }
            }
        }
        assertThat(painted).as("painted pixels").isGreaterThan(100);
        return (double) differ / painted;
    }

    static boolean channelsDiffer(int p, int q, int tolerance) {
        for (int shift = 0; shift <= 24; shift += 8) {
            if (Math.abs(((p >>> shift) & 0xff) - ((q >>> shift) & 0xff)) > tolerance) {
                return true;
            }
        }
        return false;
    }

    String wfsUpdate(String layer, String id, String property, String value) {
        return "<wfs:Transaction service=\"WFS\" version=\"2.0.0\" " + WFS20 + "><wfs:Update typeName=\"shikong:" + layer
                + "\"><wfs:Property><wfs:ValueReference>" + property + "</wfs:ValueReference><wfs:Value>" + value
                + "</wfs:Value></wfs:Property><fes:Filter><fes:ResourceId rid=\"" + layer + "." + id
                + "\"/></fes:Filter></wfs:Update></wfs:Transaction>";
    }

    static void transaction(String baseUrl, String xml) throws Exception {
        HttpResponse<byte[]> r = send("POST", baseUrl + "/wfs", "text/xml", xml, ADMIN);
        assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
        assertThat(text(r)).contains("totalUpdated>1<").doesNotContain("Exception");
    }

    // --- MVT ----------------------------------------------------------------------------------------

    @Test
    void aCityTileDecodesWithTheJavaDecoderAndGdalsMvtDriver() throws Exception {
        Coordinate at = building.geometry().getInteriorPoint().getCoordinate();
        long[] t = tileOf(TileMatrixSets.WEB_MERCATOR_QUAD, 15, at);
        HttpResponse<byte[]> r = get(path(TileMatrixSets.WEB_MERCATOR_QUAD, t, "mvt") + "?layers=buildings,pois");
        assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/vnd.mapbox-vector-tile");
        Map<String, List<Map<String, Object>>> layers = mvt(r.body());
        assertThat(layers).containsKey("buildings");
        assertThat(layers.get("buildings")).isNotEmpty();
        assertThat(layers.get("buildings")).anySatisfy(p -> assertThat(p.get("name")).isEqualTo(building.properties().get("name")));

        // GDAL reads a tile file in a z/x/y tree
        Path file = Files.createDirectories(work.resolve("mvt").resolve(Long.toString(t[0])).resolve(Long.toString(t[1])))
                .resolve(t[2] + ".pbf");
        Files.write(file, r.body());
        String info = run("ogrinfo", "-ro", "-al", "-so", file.toString());
        assertThat(info).contains("Layer name: buildings");
        int count = featureCount(info, "buildings");
        assertThat(count).isEqualTo(layers.get("buildings").size()).isGreaterThan(0);
        // and the .pbf extension names the same tile
        HttpResponse<byte[]> pbf = get(path(TileMatrixSets.WEB_MERCATOR_QUAD, t, "pbf") + "?layers=buildings,pois");
        assertThat(pbf.body()).isEqualTo(r.body());
    }

    static int featureCount(String ogrinfo, String layer) {
        int at = ogrinfo.indexOf("Layer name: " + layer);
        int fc = ogrinfo.indexOf("Feature Count: ", at);
        return Integer.parseInt(ogrinfo.substring(fc + 15, ogrinfo.indexOf('\n', fc)).trim());
    }

    // --- raster tiles against WMS -------------------------------------------------------------------

    @Test
    void cgcs2000AndWebMercatorTilesLineUpWithWmsMapsOfTheSameArea() throws Exception {
        Coordinate at = building.geometry().getInteriorPoint().getCoordinate();
        // CGCS2000 (Tianditu's c): tile bounds are longitude/latitude, WMS 1.3.0 EPSG:4490 is latitude first
        long[] c = tileOf(TileMatrixSets.CGCS2000_QUAD, 16, at);
        Envelope cb = sets.get(TileMatrixSets.CGCS2000_QUAD).matrix(16).orElseThrow().tileBounds(c[1], c[2]);
        BufferedImage tile4490 = image(get(path(TileMatrixSets.CGCS2000_QUAD, c, "png") + "?layers=buildings"));
        BufferedImage wms4490 = image(get("/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=buildings&STYLES="
                + "&FORMAT=image/png&TRANSPARENT=TRUE&WIDTH=256&HEIGHT=256&CRS=EPSG:4490&BBOX=" + cb.getMinY() + ","
                + cb.getMinX() + "," + cb.getMaxY() + "," + cb.getMaxX()));
        assertThat(mismatch(tile4490, wms4490)).as("4490 tile vs WMS").isLessThan(0.05);
        int[] p = pixelOf(TileMatrixSets.CGCS2000_QUAD, c, at);
        assertThat(tile4490.getRGB(p[0], p[1]) >>> 24).as("the building is drawn where it stands").isGreaterThan(0);

        long[] m = tileOf(TileMatrixSets.WEB_MERCATOR_QUAD, 16, at);
        Envelope mb = sets.get(TileMatrixSets.WEB_MERCATOR_QUAD).matrix(16).orElseThrow().tileBounds(m[1], m[2]);
        BufferedImage tile3857 = image(get(path(TileMatrixSets.WEB_MERCATOR_QUAD, m, "png") + "?layers=buildings"));
        BufferedImage wms3857 = image(get("/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=buildings&STYLES="
                + "&FORMAT=image/png&TRANSPARENT=TRUE&WIDTH=256&HEIGHT=256&CRS=EPSG:3857&BBOX=" + mb.getMinX() + ","
                + mb.getMinY() + "," + mb.getMaxX() + "," + mb.getMaxY()));
        assertThat(mismatch(tile3857, wms3857)).as("3857 tile vs WMS").isLessThan(0.05);
        int[] q = pixelOf(TileMatrixSets.WEB_MERCATOR_QUAD, m, at);
        assertThat(tile3857.getRGB(q[0], q[1])).as("the same colour as WMS at the building").isEqualTo(wms3857.getRGB(q[0], q[1]));
        assertThat(tile3857.getRGB(q[0], q[1]) >>> 24).isGreaterThan(0);
    }

    // --- WMTS clients ---------------------------------------------------------------------------------

    /**
     * GDAL's WMTS driver in the geographic and the Web Mercator set: a window of exactly one tile read through
     * the capabilities and the RESTful template, at the tile's matrix, is that tile. (GDAL derives a matrix's cell size from its scale
     * denominator and OGC's 0.28 mm pixel, so Tianditu's CGCS2000Quad, whose scale denominators are for a 96-DPI
     * pixel as Tianditu publishes them, is misplaced by GDAL and QGIS as Tianditu's own service is.)
     */
    @ParameterizedTest
    @CsvSource({"WorldCRS84Quad, 15", "WebMercatorQuad, 16"})
    void gdalsWmtsDriverReadsTheTilesAsTheyAre(String setId, int zoom) throws Exception {
        Coordinate at = building.geometry().getInteriorPoint().getCoordinate();
        long[] c = tileOf(setId, zoom, at);
        Envelope cb = sets.get(setId).matrix(zoom).orElseThrow().tileBounds(c[1], c[2]);
        Path out = work.resolve("gdal-wmts-" + setId + ".png");
        // the driver opened at the tile's matrix (its pixels are the matrix's), the window read by pixel offsets
        // from the dataset's origin: exactly one tile, no resampling
        String dataset = "WMTS:" + base + "/wmts/1.0.0/WMTSCapabilities.xml,layer=buildings,tilematrixset=" + setId;
        String matrix = sets.get(setId).matrix(zoom).orElseThrow().id();
        JsonNode info = JSON.readTree(run("gdalinfo", "-json", "-oo", "TILEMATRIX=" + matrix, dataset));
        JsonNode gt = info.get("geoTransform");
        long xoff = Math.round((cb.getMinX() - gt.get(0).asDouble()) / gt.get(1).asDouble());
        long yoff = Math.round((gt.get(3).asDouble() - cb.getMaxY()) / -gt.get(5).asDouble());
        assertThat(gt.get(1).asDouble()).isCloseTo(sets.get(setId).matrix(zoom).orElseThrow().cellSize(),
                org.assertj.core.data.Percentage.withPercentage(1e-6));
        run("gdal_translate", "-q", "-of", "PNG", "-oo", "TILEMATRIX=" + matrix, "-srcwin", Long.toString(xoff),
                Long.toString(yoff), "256", "256", dataset, out.toString());
        BufferedImage gdal = ImageIO.read(out.toFile());
        HttpResponse<byte[]> xyz = get(path(setId, c, "png") + "?layers=buildings");
        Files.write(work.resolve("xyz-" + setId + ".png"), xyz.body());
        BufferedImage tile = image(xyz);
        assertThat(mismatch(gdal, tile)).as("GDAL's WMTS read vs the XYZ tile").isLessThan(0.02);
        int[] p = pixelOf(setId, c, at);
        assertThat(gdal.getRGB(p[0], p[1]) >>> 24).isGreaterThan(0);
    }

    @Test
    void owslibReadsTheCapabilitiesAndGetsATile() throws Exception {
        Coordinate at = building.geometry().getInteriorPoint().getCoordinate();
        long[] c = tileOf(TileMatrixSets.CGCS2000_QUAD, 16, at);
        Path out = work.resolve("owslib-tile.png");
        String printed = run("/usr/bin/python3",
                Path.of("src", "test", "resources", "owslib", "wmts_client.py").toString(), base + "/wmts", "buildings",
                "CGCS2000Quad", "16", Long.toString(c[2]), Long.toString(c[1]), out.toString());
        JsonNode doc = JSON.readTree(printed.substring(printed.indexOf('{')));
        assertThat(doc.get("layers").toString()).contains("buildings").doesNotContain("pipelines");
        assertThat(doc.get("sets").toString()).contains("CGCS2000Quad", "WebMercatorQuad");
        assertThat(doc.get("png").asBoolean()).isTrue();
        assertThat(doc.get("matrix").get("width").asLong()).isEqualTo(1L << 16);
        BufferedImage owslib = ImageIO.read(out.toFile());
        BufferedImage tile = image(get(path(TileMatrixSets.CGCS2000_QUAD, c, "png") + "?layers=buildings"));
        assertThat(mismatch(owslib, tile)).isZero();
        int[] p = pixelOf(TileMatrixSets.CGCS2000_QUAD, c, at);
        assertThat(owslib.getRGB(p[0], p[1]) >>> 24).isGreaterThan(0);
    }

    // --- invalidation -------------------------------------------------------------------------------

    @Test
    void anEditThroughWfsTransactionIsInTheNextTile() throws Exception {
        Feature b = unchangedBuilding(store, 3);
        Coordinate at = b.geometry().getInteriorPoint().getCoordinate();
        long[] t = tileOf(TileMatrixSets.WEB_MERCATOR_QUAD, 16, at);
        String url = path(TileMatrixSets.WEB_MERCATOR_QUAD, t, "mvt") + "?layers=buildings";
        HttpResponse<byte[]> before = get(url);
        assertThat(before.statusCode()).isEqualTo(200);
        assertThat(get(url).headers().firstValue("ETag")).isEqualTo(before.headers().firstValue("ETag"));
        assertThat(cachedFiles()).anySatisfy(f -> assertThat(f).contains("buildings").endsWith(t[2] + ".mvt"));
        // a raster tile of the place, cached too
        String png = path(TileMatrixSets.CGCS2000_QUAD, tileOf(TileMatrixSets.CGCS2000_QUAD, 17, at), "png") + "?layers=buildings";
        BufferedImage pngBefore = image(get(png));
        int[] p = pixelOf(TileMatrixSets.CGCS2000_QUAD, tileOf(TileMatrixSets.CGCS2000_QUAD, 17, at), at);
        assertThat(pngBefore.getRGB(p[0], p[1]) >>> 24).isGreaterThan(0);

        String renamed = "改名大厦 renamed " + System.identityHashCode(this);
        transaction(base, wfsUpdate("buildings", b.id(), "name", renamed));
        HttpResponse<byte[]> after = get(url);
        assertThat(after.headers().firstValue("ETag")).isNotEqualTo(before.headers().firstValue("ETag"));
        assertThat(mvt(after.body()).get("buildings")).anySatisfy(f -> assertThat(f.get("name")).isEqualTo(renamed));

        // moved far away: the raster tile no longer shows it
        Geometry moved = b.geometry().copy();
        moved.apply((org.locationtech.jts.geom.CoordinateFilter) co -> {
            co.x += 0.5;
        });
        moved.geometryChanged();
        transaction(base, "<wfs:Transaction service=\"WFS\" version=\"2.0.0\" " + WFS20
                + " xmlns:gml=\"http://www.opengis.net/gml/3.2\"><wfs:Update typeName=\"shikong:buildings\"><wfs:Property>"
                + "<wfs:ValueReference>geom</wfs:ValueReference><wfs:Value>" + gml(moved) + "</wfs:Value></wfs:Property>"
                + "<fes:Filter><fes:ResourceId rid=\"buildings." + b.id() + "\"/></fes:Filter></wfs:Update></wfs:Transaction>");
        BufferedImage pngAfter = image(get(png));
        assertThat(pngAfter.getRGB(p[0], p[1]) >>> 24).as("the moved building is gone from its old place").isZero();
        assertThat(mvt(get(url).body()).getOrDefault("buildings", List.of()))
                .noneSatisfy(f -> assertThat(f.get("name")).isEqualTo(renamed));
    }

    /** A polygon or multipolygon as GML 3.2 with EPSG:4490 in longitude/latitude (CRS84-like URN order avoided). */
    static String gml(Geometry g) {
        org.locationtech.jts.geom.Polygon poly = (org.locationtech.jts.geom.Polygon) (g.getNumGeometries() > 1 || g instanceof
                org.locationtech.jts.geom.MultiPolygon ? g.getGeometryN(0) : g);
        StringBuilder sb = new StringBuilder();
        for (Coordinate c : poly.getExteriorRing().getCoordinates()) {
            sb.append(c.x).append(' ').append(c.y).append(' ');
        }
        String polygon = "<gml:Polygon srsName=\"EPSG:4490\"><gml:exterior><gml:LinearRing><gml:posList>" + sb.toString().trim()
                + "</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>";
        return g instanceof org.locationtech.jts.geom.MultiPolygon
                ? "<gml:MultiSurface srsName=\"EPSG:4490\"><gml:surfaceMember>" + polygon + "</gml:surfaceMember></gml:MultiSurface>"
                : polygon;
    }

    // --- HTTP caching -------------------------------------------------------------------------------

    @Test
    void aVectorTileMissedIsWrittenToTheCacheAfterItsAnswerWithoutAFlush() throws Exception {
        Coordinate at = unchangedBuilding(store, 3).geometry().getInteriorPoint().getCoordinate();
        long[] tile = tileOf(TileMatrixSets.WEB_MERCATOR_QUAD, 15, at);
        Path file = cacheDir.resolve("tiles").resolve("buildings").resolve("default").resolve(TileMatrixSets.WEB_MERCATOR_QUAD)
                .resolve("current").resolve(Long.toString(tile[0])).resolve(Long.toString(tile[1])).resolve(tile[2] + ".mvt");
        assertThat(file).doesNotExist();
        HttpResponse<byte[]> miss = get(base + path(TileMatrixSets.WEB_MERCATOR_QUAD, tile, "mvt") + "?layers=buildings", null);
        assertThat(miss.statusCode()).isEqualTo(200);
        assertThat(miss.body()).isNotEmpty();
        // the controller held the tile and the request's termination handed it to the writer: it lands on disk
        // without a flush (a tile never handed over would stay in memory until one)
        for (int i = 0; i < 1000 && !Files.exists(file); i++) {
            Thread.sleep(10);
        }
        assertThat(file).exists();
        assertThat(Files.readAllBytes(file)).isEqualTo(miss.body());
        HttpResponse<byte[]> hit = get(base + path(TileMatrixSets.WEB_MERCATOR_QUAD, tile, "mvt") + "?layers=buildings", null);
        assertThat(hit.body()).isEqualTo(miss.body());
    }

    @Test
    void etagsAnswer304AndMvtIsGzippedOnceForClientsThatAcceptIt() throws Exception {
        Coordinate at = building.geometry().getInteriorPoint().getCoordinate();
        String url = base + path(TileMatrixSets.WEB_MERCATOR_QUAD, tileOf(TileMatrixSets.WEB_MERCATOR_QUAD, 14, at), "mvt")
                + "?layers=buildings,pois";
        HttpResponse<byte[]> plain = get(url, null);
        assertThat(plain.statusCode()).isEqualTo(200);
        String etag = plain.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).startsWith("\"").endsWith("\"");
        assertThat(plain.headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
        assertThat(plain.headers().allValues("Vary").toString()).contains("Accept-Encoding");
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();

        assertThat(get(url, null, "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(get(url, null, "If-None-Match", "W/" + etag).statusCode()).isEqualTo(304);
        assertThat(get(url, null, "If-None-Match", "\"other\", " + etag).statusCode()).isEqualTo(304);
        assertThat(get(url, null, "If-None-Match", "*").statusCode()).isEqualTo(304);
        HttpResponse<byte[]> other = get(url, null, "If-None-Match", "\"other\"");
        assertThat(other.statusCode()).isEqualTo(200);
        HttpResponse<byte[]> notModified = get(url, null, "If-None-Match", etag);
        assertThat(notModified.body()).isEmpty();
        assertThat(notModified.headers().firstValue("ETag")).hasValue(etag);

        HttpResponse<byte[]> zipped = get(url, null, "Accept-Encoding", "gzip, deflate");
        assertThat(zipped.statusCode()).isEqualTo(200);
        assertThat(zipped.headers().allValues("Content-Encoding")).containsExactly("gzip");
        byte[] unzipped;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            unzipped = in.readAllBytes();
        }
        assertThat(unzipped).isEqualTo(plain.body()); // compressed once, not twice
        String zippedTag = zipped.headers().firstValue("ETag").orElseThrow();
        assertThat(zippedTag).isNotEqualTo(etag);
        assertThat(get(url, null, "Accept-Encoding", "gzip", "If-None-Match", zippedTag).statusCode()).isEqualTo(304);
        assertThat(get(url, null, "Accept-Encoding", "gzip;q=0").headers().firstValue("Content-Encoding")).isEmpty();

        // a tile as of an instant may be kept longer
        HttpResponse<byte[]> past = get(url + "&asOf=2030-01-01", null);
        assertThat(past.statusCode()).isEqualTo(200);
        assertThat(past.headers().firstValue("Cache-Control")).hasValue("public, max-age=86400");
    }

    @Test
    void restrictedLayersArePrivateForThoseWhoMaySeeThemAndAbsentForOthers() throws Exception {
        Feature pipe;
        try (FeatureCursor c = store.read(Query.of("pipelines", Caller.of("x", Caller.ADMIN)).limit(1).build())) {
            pipe = c.next();
        }
        Coordinate at = pipe.geometry().getCoordinates()[0];
        String url = base + path(TileMatrixSets.WEB_MERCATOR_QUAD, tileOf(TileMatrixSets.WEB_MERCATOR_QUAD, 15, at), "mvt")
                + "?layers=buildings,pipelines";
        HttpResponse<byte[]> r = get(url, PIPES);
        assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("private, max-age=60");
        assertThat(mvt(r.body())).containsKey("pipelines");
        HttpResponse<byte[]> anonymous = get(url, null);
        assertThat(anonymous.statusCode()).isEqualTo(404);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        // the cached tile is not served to a caller who may not see it, by WMTS either
        HttpResponse<byte[]> wmts = get(base + "/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=pipelines&STYLE=default"
                + "&TILEMATRIXSET=WebMercatorQuad&TILEMATRIX=15&TILEROW=0&TILECOL=0&FORMAT=image/png", null);
        assertThat(wmts.statusCode()).isEqualTo(400);
        assertThat(text(wmts)).contains("ExceptionReport").contains("InvalidParameterValue");
        HttpResponse<byte[]> wmtsPipe = get(base + "/wmts/1.0.0/pipelines/default/WebMercatorQuad/15/"
                + tileOf(TileMatrixSets.WEB_MERCATOR_QUAD, 15, at)[2] + "/" + tileOf(TileMatrixSets.WEB_MERCATOR_QUAD, 15, at)[1]
                + ".png", PIPES);
        assertThat(wmtsPipe.statusCode()).as(text(wmtsPipe)).isEqualTo(200);
        assertThat(wmtsPipe.headers().firstValue("Cache-Control")).hasValue("private, max-age=60");
        assertThat(wmtsPipe.headers().firstValue("ETag")).isPresent();
        assertThat(get(base + "/wmts/1.0.0/pipelines/default/WebMercatorQuad/15/"
                + tileOf(TileMatrixSets.WEB_MERCATOR_QUAD, 15, at)[2] + "/" + tileOf(TileMatrixSets.WEB_MERCATOR_QUAD, 15, at)[1]
                + ".png", PIPES, "If-None-Match", wmtsPipe.headers().firstValue("ETag").orElseThrow()).statusCode()).isEqualTo(304);
    }

    // --- bad input ----------------------------------------------------------------------------------

    @Test
    void badInputIsRefusedInEachInterfacesConventionAndNothingIsCached() throws Exception {
        Set<String> before = cachedFiles();
        String many = String.join(",", java.util.Collections.nCopies(1000, "b"));
        String huge = String.join(",", java.util.Collections.nCopies(1000, "buildings"));
        String distinct = String.join(",", Stream.iterate(0, i -> i + 1).limit(300).map(i -> "l" + i).toList());
        Map<String, Integer> xyz = new java.util.LinkedHashMap<>();
        xyz.put("/tiles/WebMercatorQuad/3/8/1.mvt?layers=buildings", 404);           // x beyond the matrix
        xyz.put("/tiles/WebMercatorQuad/3/1/-1.mvt?layers=buildings", 404);          // negative row
        xyz.put("/tiles/WebMercatorQuad/25/0/0.mvt?layers=buildings", 404);          // no such zoom
        xyz.put("/tiles/CGCS2000Quad/0/0/0.png?layers=buildings", 404);              // Tianditu's c starts at 1
        xyz.put("/tiles/WebMercatorQuad/99999999999/0/0.mvt?layers=buildings", 404);
        xyz.put("/tiles/NoSuchSet/3/1/1.mvt?layers=buildings", 404);
        xyz.put("/tiles/NoSuchSet", 404);
        xyz.put("/tiles/WebMercatorQuad/3/1/1.mvt?layers=nosuchlayer", 404);
        xyz.put("/tiles/WebMercatorQuad/3/1/1.mvt?layers=pipelines", 404);          // restricted, anonymous
        xyz.put("/tiles/WebMercatorQuad/3/1/1.mvt?layers=buildings,pipelines", 404);
        xyz.put("/tiles/WebMercatorQuad/3/1/1.mvt?layers=" + many, 400);
        xyz.put("/tiles/WebMercatorQuad/3/1/1.mvt?layers=" + distinct, 400);
        xyz.put("/tiles/WebMercatorQuad/3/1/1.mvt?layers=buildings,buildings", 400);
        xyz.put("/tiles/WebMercatorQuad/3/1/1.mvt", 400);
        xyz.put("/tiles/WebMercatorQuad/3/1/1.mvt?layers=", 400);
        xyz.put("/tiles/WebMercatorQuad/3/1/1.mvt?layers=buildings&asOf=yesterday", 400);
        xyz.put("/tiles/WebMercatorQuad/3/1/1.mvt?layers=buildings&asOf=2026-13-45", 400);
        xyz.put("/tiles/WebMercatorQuad/3/1/1.gif?layers=buildings", 400);
        xyz.put("/tiles/WebMercatorQuad/3/1/1?layers=buildings", 400);
        xyz.put("/tiles/WebMercatorQuad/a/1/1.mvt?layers=buildings", 400);
        xyz.put("/tiles/WebMercatorQuad/3/1/1.png?layers=buildings&style=nosuchstyle", 400);
        xyz.put("/tiles/WebMercatorQuad/tilejson.json?layers=pipelines", 404);
        xyz.put("/tiles/styles/nosuchstyle.json", 404);
        xyz.put("/tiles/styles/standard.json?tileMatrixSet=CGCS2000Quad", 400);
        for (var e : xyz.entrySet()) {
            HttpResponse<byte[]> r = get(e.getKey());
            String what = e.getKey().length() > 150 ? e.getKey().substring(0, 150) + "…" : e.getKey();
            assertThat(r.statusCode()).as(what + ": " + text(r)).isEqualTo(e.getValue());
            assertThat(r.headers().firstValue("Content-Type")).as(what).hasValue("application/problem+json");
            assertThat(JSON.readTree(r.body()).get("status").asInt()).isEqualTo(e.getValue());
        }
        // a layer list longer than an HTTP request line may be is refused before any code of ours runs
        HttpResponse<byte[]> tooLong = get("/tiles/WebMercatorQuad/3/1/1.mvt?layers=" + huge);
        assertThat(tooLong.statusCode()).isBetween(400, 499);
        assertThat(tooLong.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        Map<String, String> wmts = new java.util.LinkedHashMap<>();
        wmts.put("/wmts/1.0.0/buildings/default/WebMercatorQuad/3/1/8.png", "TileOutOfRange");
        wmts.put("/wmts/1.0.0/buildings/default/WebMercatorQuad/25/0/0.png", "InvalidParameterValue");
        wmts.put("/wmts/1.0.0/buildings/default/NoSuchSet/3/1/1.png", "InvalidParameterValue");
        wmts.put("/wmts/1.0.0/nosuchlayer/default/WebMercatorQuad/3/1/1.png", "InvalidParameterValue");
        wmts.put("/wmts/1.0.0/pipelines/default/WebMercatorQuad/3/1/1.png", "InvalidParameterValue");
        wmts.put("/wmts/1.0.0/buildings/default/WebMercatorQuad/3/1/1.gif", "InvalidParameterValue");
        wmts.put("/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=buildings&STYLE=default&TILEMATRIXSET=WebMercatorQuad"
                + "&TILEMATRIX=3&TILEROW=9&TILECOL=1&FORMAT=image/png", "TileOutOfRange");
        wmts.put("/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=" + many + "&STYLE=default&TILEMATRIXSET=WebMercatorQuad"
                + "&TILEMATRIX=3&TILEROW=1&TILECOL=1&FORMAT=image/png", "InvalidParameterValue");
        wmts.put("/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=buildings&STYLE=default&TILEMATRIXSET=WebMercatorQuad"
                + "&TILEMATRIX=3&TILEROW=1&TILECOL=1&FORMAT=image/png&TIME=yesterday", "InvalidParameterValue");
        for (var e : wmts.entrySet()) {
            HttpResponse<byte[]> r = get(e.getKey());
            String what = e.getKey().length() > 150 ? e.getKey().substring(0, 150) + "…" : e.getKey();
            assertThat(r.statusCode()).as(what + ": " + text(r)).isBetween(400, 499);
            assertThat(text(r)).as(what).contains("ExceptionReport").contains(e.getValue());
        }
        assertThat(get("/wmts/1.0.0/nothing/here").statusCode()).isEqualTo(404);
        assertThat(cachedFiles()).isEqualTo(before);
    }

    // --- metadata -----------------------------------------------------------------------------------

    @Test
    void theSetsTileJsonAndStyleLinkToEachOther() throws Exception {
        JsonNode list = JSON.readTree(get("/tiles").body());
        assertThat(list.get("tileMatrixSets").findValuesAsText("id")).containsExactly("WebMercatorQuad",
                "WebMercatorQuadGCJ02", "WorldCRS84Quad", "CGCS2000Quad");
        JsonNode c = JSON.readTree(get("/tiles/c").body());
        assertThat(c.get("id").asText()).isEqualTo("CGCS2000Quad");
        assertThat(c.get("tileMatrices")).hasSize(18);
        JsonNode tileJson = JSON.readTree(get("/tiles/WebMercatorQuad/tilejson.json?layers=buildings,pois").body());
        assertThat(tileJson.get("tilejson").asText()).isEqualTo("3.0.0");
        assertThat(tileJson.get("tiles").get(0).asText()).isEqualTo(base + "/tiles/WebMercatorQuad/{z}/{x}/{y}.mvt?layers=buildings,pois");
        List<String> vectorLayers = new ArrayList<>();
        tileJson.get("vector_layers").forEach(l -> vectorLayers.add(l.get("id").asText()));
        assertThat(vectorLayers).containsExactly("buildings", "pois");
        double[] bounds = JSON.convertValue(tileJson.get("bounds"), double[].class);
        assertThat(bounds[0]).isBetween(122.0, 124.5);
        assertThat(bounds[1]).isBetween(41.0, 42.5);
        JsonNode style = JSON.readTree(get("/tiles/styles/standard.json").body());
        assertThat(style.get("version").asInt()).isEqualTo(8);
        assertThat(style.toString()).contains("tilejson.json").doesNotContain("pipelines");
        JsonNode root = JSON.readTree(get("/api/v1").body());
        assertThat(root.get("links").findValuesAsText("href")).contains(base + "/tiles", base + "/wmts/1.0.0/WMTSCapabilities.xml",
                base + "/api/v1/tiles/jobs");
    }

    // --- seeding ------------------------------------------------------------------------------------

    @Test
    void aSeedingJobOverRestRunsToTheEndAndFillsTheCache() throws Exception {
        String body = "{\"layers\":[\"pois\"],\"tileMatrixSet\":\"WebMercatorQuad\",\"minZoom\":11,\"maxZoom\":12,"
                + "\"bbox\":[123.3,41.7,123.5,41.9],\"format\":\"mvt\"}";
        assertThat(send("POST", base + "/api/v1/tiles/jobs", "application/json", body, null).statusCode()).isEqualTo(403);
        assertThat(send("POST", base + "/api/v1/tiles/jobs", "application/json", body, PIPES).statusCode()).isEqualTo(403);
        assertThat(send("GET", base + "/api/v1/tiles/jobs", null, null, null).statusCode()).isEqualTo(403);
        HttpResponse<byte[]> bad = send("POST", base + "/api/v1/tiles/jobs", "application/json",
                body.replace("\"minZoom\":11", "\"minZoom\":30"), ADMIN);
        assertThat(bad.statusCode()).as(text(bad)).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).get("parameter").asText()).isEqualTo("zoom");

        HttpResponse<byte[]> created = send("POST", base + "/api/v1/tiles/jobs", "application/json", body, ADMIN);
        assertThat(created.statusCode()).as(text(created)).isEqualTo(201);
        JsonNode job = JSON.readTree(created.body());
        String id = job.get("id").asText();
        assertThat(created.headers().firstValue("Location")).hasValue(base + "/api/v1/tiles/jobs/" + id);
        long total = job.get("total").asLong();
        assertThat(total).isGreaterThan(1);
        JsonNode now = job;
        for (int i = 0; i < 600 && !now.get("state").asText().equals("done"); i++) {
            assertThat(now.get("state").asText()).isIn("queued", "running");
            Thread.sleep(100);
            now = JSON.readTree(send("GET", base + "/api/v1/tiles/jobs/" + id, null, null, ADMIN).body());
        }
        assertThat(now.get("state").asText()).isEqualTo("done");
        assertThat(now.get("done").asLong()).isEqualTo(total);
        assertThat(cachedFiles().stream().filter(f -> f.startsWith("pois") && f.endsWith(".mvt")).count())
                .isGreaterThanOrEqualTo(total);
        assertThat(Files.readString(cacheDir.resolve("jobs").resolve(id + ".json"))).contains("\"done\"");
        assertThat(JSON.readTree(send("GET", base + "/api/v1/tiles/jobs", null, null, ADMIN).body()).get("jobs")
                .findValuesAsText("id")).contains(id);
        assertThat(send("GET", base + "/api/v1/tiles/jobs/nope", null, null, ADMIN).statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(send("DELETE", base + "/api/v1/tiles/jobs/" + id, null, null, ADMIN).body())
                .get("state").asText()).isEqualTo("done");

        // a truncate job drops them again
        HttpResponse<byte[]> truncate = send("POST", base + "/api/v1/tiles/jobs", "application/json",
                body.replace("{", "{\"kind\":\"truncate\","), ADMIN);
        assertThat(truncate.statusCode()).as(text(truncate)).isEqualTo(201);
        String tid = JSON.readTree(truncate.body()).get("id").asText();
        for (int i = 0; i < 600 && !JSON.readTree(send("GET", base + "/api/v1/tiles/jobs/" + tid, null, null, ADMIN).body())
                .get("state").asText().equals("done"); i++) {
            Thread.sleep(100);
        }
        assertThat(cachedFiles().stream().filter(f -> f.startsWith("pois") && (f.contains("/11/") || f.contains("/12/"))))
                .isEmpty();
    }

    @Test
    void aServerStartedOnAJobLeftRunningResumesItFromItsWrittenProgress() throws Exception {
        Path cache = work.resolve("resume-cache");
        Path jobs = Files.createDirectories(cache.resolve("jobs"));
        SeedJob.Area area = new SeedJob.Area(123.35, 41.75, 123.45, 41.85);
        // as a process killed in the middle of the job left it: running, 2 of its tiles written done
        SeedJob left = new SeedJob("resume-me", SeedJob.Kind.SEED, List.of("pois"), null, "CGCS2000Quad", 12, 13, area,
                io.shikong.tiles.TileFormat.MVT, SeedJob.State.RUNNING, 2, 0, null, Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:01Z"), null);
        long total = 0;
        TileMatrixSet set = sets.get("CGCS2000Quad");
        for (int z = 12; z <= 13; z++) {
            total += set.matrix(z).orElseThrow().range(projection.toTiles(set, new Envelope(123.35, 123.45, 41.75, 41.85))).count();
        }
        left = new SeedJob(left.id(), left.kind(), left.layers(), null, left.matrixSet(), 12, 13, area, left.format(),
                left.state(), 2, total, null, left.created(), left.started(), null);
        try (OutputStream out = Files.newOutputStream(jobs.resolve("resume-me.json"))) {
            SeedJobs.write(left, out);
        }
        Map<String, Object> props = new HashMap<>(secondServerProperties());
        props.put("micronaut.server.port", -1);
        props.put("shikong.samples.load", "true");
        props.put("shikong.tiles.cache-dir", cache.toString());
        try (EmbeddedServer second = ApplicationContext.run(EmbeddedServer.class, props)) {
            SeedJobs seedJobs = second.getApplicationContext().getBean(SeedJobs.class);
            SeedJob job = seedJobs.get("resume-me");
            for (int i = 0; i < 600 && job.state() != SeedJob.State.DONE; i++) {
                Thread.sleep(100);
                job = seedJobs.get("resume-me");
            }
            assertThat(job.state()).isEqualTo(SeedJob.State.DONE);
            assertThat(job.done()).isEqualTo(total);
            try (Stream<Path> s = Files.walk(cache.resolve("tiles"))) {
                // the two tiles written done before the "crash" were not asked again
                assertThat(s.filter(p -> p.toString().endsWith(".mvt")).count()).isEqualTo(total - 2);
            }
        }
    }

    /** Properties of a second server on this test's data (the embedded file is the first server's alone). */
    abstract Map<String, Object> secondServerProperties() throws Exception;

    /** Runs a client program (ogrinfo, gdal_translate, python3 with OWSLib); its failure fails the test with its output. */
    String run(String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        // GDAL's WMTS driver caches tiles in ./gdalwmscache unless told otherwise
        pb.environment().put("GDAL_DEFAULT_WMS_CACHE_PATH", work.resolve("gdalwmscache").toAbsolutePath().toString());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + text).isZero();
        return text;
    }
}
