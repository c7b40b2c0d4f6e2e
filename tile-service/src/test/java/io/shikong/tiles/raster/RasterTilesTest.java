package io.shikong.tiles.raster;

import static org.assertj.core.api.Assertions.assertThat;

import io.shikong.core.crs.Crs;
import io.shikong.core.feature.Feature;
import io.shikong.core.query.TimeSelection;
import io.shikong.styles.render.LayerPainter;
import io.shikong.styles.render.MapRenderer;
import io.shikong.tiles.TestCity;
import io.shikong.tiles.Tile;
import io.shikong.tiles.TileFormat;
import io.shikong.tiles.TileRequest;
import io.shikong.tiles.TileService;
import io.shikong.tiles.grid.TileMatrix;
import io.shikong.tiles.grid.TileMatrixSet;
import io.shikong.tiles.grid.TileMatrixSets;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * Raster tiles of the sample city: pixels where a building is, labels across tile and metatile edges, and
 * the same picture as the WMS drawing of the tile's bbox in EPSG:3857 and EPSG:4490.
 */
class RasterTilesTest {

    /** The fills of the standard buildings style, by use. */
    private static final Map<String, Integer> FILLS = Map.of("residential", 0xF2DAB2, "commercial", 0xF4A261,
            "office", 0x7FA7D9, "industrial", 0xA98BC7, "public", 0x8CC084, "education", 0xF6D55C, "medical", 0xE76F6F);

    private static TestCity city;
    private static TileService tiles;

    @TempDir
    static Path cacheDir;

    @BeforeAll
    static void load() {
        city = new TestCity();
        tiles = city.service(city.cache(cacheDir));
    }

    @AfterAll
    static void close() {
        city.close();
    }

    @Test
    void aBuildingIsDrawnInItsFillAtItsPixelAndNothingElsewhere() {
        Crs mercator = city.crs.resolve("EPSG:3857");
        buildingsAtTheirPixels(city.sets.get(TileMatrixSets.WEB_MERCATOR_QUAD),
                g -> city.crs.transform(g, city.crs.storage(), mercator));
    }

    @Test
    void onGcj02TilesABuildingIsDrawnWhereItsShiftedCoordinatesFall() {
        Crs mercator = city.crs.resolve("EPSG:3857");
        Crs gcj02 = city.crs.resolve("GCJ02");
        Crs lonLat = city.crs.resolve("CRS84");
        buildingsAtTheirPixels(city.sets.get(TileMatrixSets.WEB_MERCATOR_QUAD_GCJ02),
                g -> city.crs.transform(city.crs.transform(g, city.crs.storage(), gcj02), lonLat, mercator));
    }

    /** Three buildings away from others: their fill at their interior point's pixel, transparent far from all. */
    private static void buildingsAtTheirPixels(TileMatrixSet set, java.util.function.UnaryOperator<Geometry> toSet) {
        TileMatrix m = set.matrix(17).orElseThrow();
        List<Geometry> all = new ArrayList<>();
        for (Feature f : city.features("buildings")) {
            all.add(toSet.apply(f.geometry()));
        }
        double px = m.cellSize();
        int checked = 0;
        for (Feature f : city.features("buildings")) {
            Geometry g = toSet.apply(f.geometry());
            Coordinate c = g.getInteriorPoint().getCoordinate();
            // a point well inside this building and away from every other one
            if (!FILLS.containsKey(String.valueOf(f.get("use"))) || g.getBoundary().distance(TestCity.point(c.x, c.y)) < 4 * px
                    || all.stream().filter(o -> !o.equalsExact(g)).anyMatch(o -> o.isWithinDistance(TestCity.point(c.x, c.y), 4 * px))) {
                continue;
            }
            double gx = (c.x - m.originX()) / px;
            double gy = (m.originY() - c.y) / px;
            long col = (long) Math.floor(gx / 256);
            long row = (long) Math.floor(gy / 256);
            BufferedImage image = png(tiles.tile(request(set, 17, col, row, TileFormat.PNG, "buildings")));
            int argb = image.getRGB((int) Math.floor(gx - col * 256), (int) Math.floor(gy - row * 256));
            assertThat(argb >>> 24).as("alpha in %s", f.id()).isEqualTo(255);
            assertThat(close(argb & 0xFFFFFF, FILLS.get(String.valueOf(f.get("use"))), 2)).as("fill of %s: %06X", f.id(),
                    argb & 0xFFFFFF).isTrue();
            // pixels far from every building are the transparent background
            Envelope tile = m.tileBounds(col, row);
            int background = 0;
            for (int y = 4; y < 256; y += 16) {
                for (int x = 4; x < 256; x += 16) {
                    var centre = TestCity.point(tile.getMinX() + (x + 0.5) * px, tile.getMaxY() - (y + 0.5) * px);
                    if (all.stream().noneMatch(o -> o.isWithinDistance(centre, 3 * px))) {
                        assertThat(image.getRGB(x, y) >>> 24).as("background at %d,%d", x, y).isZero();
                        background++;
                    }
                }
            }
            assertThat(background).isPositive();
            if (++checked == 3) {
                return;
            }
        }
        assertThat(checked).as("buildings checked").isEqualTo(3);
    }

    @Test
    void aLabelCrossingATileEdgeIsDrawnWholeOnBothTiles() {
        TileMatrixSet set = city.sets.get(TileMatrixSets.WEB_MERCATOR_QUAD);
        TileMatrix m = set.matrix(17).orElseThrow();
        // east of the sample city, where no other label competes: a POI 20 px left of an edge inside a metatile
        double[] east = city.crs.transform(124.6, 41.8, city.crs.storage(), set.crs());
        long col = (long) Math.floor((east[0] - m.originX()) / m.tileSpanX());
        col = col - col % 4 + 2; // the edge between col - 1 and col lies inside the 4×4 metatile
        long row = (long) Math.floor((m.originY() - east[1]) / m.tileSpanY());
        BufferedImage[] pair = labelAcross(set, m, col, row, "inner");
        BufferedImage whole = draw(set, m, new Envelope(m.tileBounds(col - 1, row).getMinX(), m.tileBounds(col, row).getMaxX(),
                m.tileBounds(col, row).getMinY(), m.tileBounds(col, row).getMaxY()), 512, 256, "pois");
        int differing = 0;
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 512; x++) {
                int tilePixel = x < 256 ? pair[0].getRGB(x, y) : pair[1].getRGB(x - 256, y);
                if (!close(tilePixel, whole.getRGB(x, y), 24)) {
                    differing++;
                }
            }
        }
        assertThat(differing).as("pixels unlike the two tiles drawn as one map").isLessThanOrEqualTo(10);
        // drawn tile by tile, the right tile would miss the label: its point is outside that tile
        BufferedImage alone = draw(set, m, m.tileBounds(col, row), 256, 256, "pois");
        assertThat(darkPixels(alone, 0, 16, 110, 146)).isZero();
    }

    @Test
    void aLabelCrossingAMetatileEdgeIsDrawnOnTheNextMetatileThroughTheGutter() {
        TileMatrixSet set = city.sets.get(TileMatrixSets.WEB_MERCATOR_QUAD);
        TileMatrix m = set.matrix(17).orElseThrow();
        double[] east = city.crs.transform(124.7, 41.7, city.crs.storage(), set.crs());
        long col = (long) Math.floor((east[0] - m.originX()) / m.tileSpanX());
        col = col - col % 4 + 4; // col - 1 ends one metatile, col starts the next
        long row = (long) Math.floor((m.originY() - east[1]) / m.tileSpanY());
        labelAcross(set, m, col, row, "outer");
    }

    /** Puts a labelled POI 20 px left of the edge before {@code col}; both tiles show label pixels at the edge. */
    private static BufferedImage[] labelAcross(TileMatrixSet set, TileMatrix m, long col, long row, String id) {
        double x = m.originX() + (col * 256 - 20) * m.cellSize();
        double y = m.originY() - (row * 256 + 128) * m.cellSize();
        double[] lonLat = city.crs.transform(x, y, set.crs(), city.crs.storage());
        city.insertPoi("edge-" + id, lonLat[0], lonLat[1], "Edge label crossing 跨界标注", "park");
        BufferedImage left = png(tiles.tile(request(set, m.zoom(), col - 1, row, TileFormat.PNG, "pois")));
        BufferedImage right = png(tiles.tile(request(set, m.zoom(), col, row, TileFormat.PNG, "pois")));
        assertThat(darkPixels(left, 240, 256, 110, 146)).as("label pixels left of the edge").isPositive();
        assertThat(darkPixels(right, 0, 16, 110, 146)).as("label pixels right of the edge").isPositive();
        return new BufferedImage[] {left, right};
    }

    @Test
    void aWebMercatorTileIsTheWmsMapOfItsBbox() {
        compareWithWms(TileMatrixSets.WEB_MERCATOR_QUAD, 15);
    }

    @Test
    void aCgcs2000TileIsTheWmsMapOfItsBbox() {
        compareWithWms(TileMatrixSets.CGCS2000_QUAD, 15);
    }

    private static void compareWithWms(String setId, int zoom) {
        TileMatrixSet set = city.sets.get(setId);
        TileMatrix m = set.matrix(zoom).orElseThrow();
        long[] densest = city.densestTile(set, zoom, "buildings");
        long col = densest[0];
        long row = densest[1];
        BufferedImage tile = png(tiles.tile(request(set, zoom, col, row, TileFormat.PNG, "buildings", "pois")));
        BufferedImage wms = draw(set, m, m.tileBounds(col, row), 256, 256, "buildings", "pois");
        int drawn = 0;
        int differing = 0;
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                if ((wms.getRGB(x, y) >>> 24) > 0) {
                    drawn++;
                }
                if (!close(tile.getRGB(x, y), wms.getRGB(x, y), 24)) {
                    differing++;
                }
            }
        }
        assertThat(drawn).as("pixels drawn by WMS").isGreaterThan(150);
        // symbols of features just outside the tile reach into it on the tile, not on the map of the bbox alone
        assertThat(differing).as("pixels unlike the WMS map").isLessThan(256 * 256 / 100);
    }

    @Test
    void png8AndJpegTilesDecode() {
        TileMatrixSet set = city.sets.get(TileMatrixSets.WEB_MERCATOR_QUAD);
        TileMatrix m = set.matrix(14).orElseThrow();
        Envelope bounds = city.store.bounds("buildings", TestCity.ADMIN).orElseThrow();
        double[] centre = city.crs.transform(bounds.centre().x, bounds.centre().y, city.crs.storage(), set.crs());
        long col = (long) Math.floor((centre[0] - m.originX()) / m.tileSpanX());
        long row = (long) Math.floor((m.originY() - centre[1]) / m.tileSpanY());
        Tile png8 = tiles.tile(request(set, 14, col, row, TileFormat.PNG8, "buildings"));
        BufferedImage paletted = png(png8);
        assertThat(png8.mediaType()).isEqualTo("image/png; mode=8bit");
        assertThat(paletted.getColorModel()).isInstanceOf(IndexColorModel.class);
        assertThat(paletted.getWidth()).isEqualTo(256);
        Tile jpeg = tiles.tile(request(set, 14, col, row, TileFormat.JPEG, "buildings"));
        BufferedImage rgb = png(jpeg);
        assertThat(jpeg.mediaType()).isEqualTo("image/jpeg");
        assertThat(rgb.getWidth()).isEqualTo(256);
        assertThat(rgb.getColorModel().hasAlpha()).isFalse();
    }

    @Test
    void scaleDenominatorsFollowTheOgcPixelInEverySet() {
        // WebMercatorQuad's published denominators already use the 0.28 mm pixel
        TileMatrixSet mercator = city.sets.get(TileMatrixSets.WEB_MERCATOR_QUAD);
        TileMatrix z10 = mercator.matrix(10).orElseThrow();
        assertThat(RasterTiles.scaleDenominator(mercator, z10)).isCloseTo(z10.scaleDenominator(), org.assertj.core.data.Percentage.withPercentage(1e-9));
        // Tianditu's use a 96-DPI pixel: the rules see them scaled by (0.0254 / 96) / 0.00028
        TileMatrixSet tianditu = city.sets.get(TileMatrixSets.CGCS2000_QUAD);
        TileMatrix level1 = tianditu.matrix(1).orElseThrow();
        assertThat(RasterTiles.scaleDenominator(tianditu, level1)).isCloseTo(2.958293554545656E8 * (0.0254 / 96) / 0.00028,
                org.assertj.core.data.Percentage.withPercentage(1e-6));
    }

    /** What WMS draws for a bbox of the set's CRS: LayerPainter at the map's size and scale. */
    private static BufferedImage draw(TileMatrixSet set, TileMatrix m, Envelope bbox, int width, int height, String... layers) {
        MapRenderer renderer = new MapRenderer(width, height, bbox, true, null);
        List<LayerPainter.Layer> painted = new ArrayList<>();
        for (String name : layers) {
            var l = city.catalog.layer(name, TestCity.ADMIN);
            painted.add(new LayerPainter.Layer(l, city.styles.defaultStyle(l), null));
        }
        // GetMapRequest.scaleDenominator: units per pixel (degrees at 6378137·π/180 m) over the 0.28 mm pixel
        double unitsPerPixel = bbox.getWidth() / width;
        double scale = (set.crs().geographic() ? unitsPerPixel * 6378137 * Math.PI / 180 : unitsPerPixel) / 0.00028;
        new LayerPainter(city.store, TestCity.ADMIN).paint(renderer, painted, bbox, set.crs(), TimeSelection.CURRENT, scale);
        return renderer.finish();
    }

    private static TileRequest request(TileMatrixSet set, int zoom, long col, long row, TileFormat format, String... layers) {
        return new TileRequest(List.of(layers), null, set.id(), zoom, col, row, format, null, TestCity.ADMIN);
    }

    static BufferedImage png(Tile tile) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(tile.body()));
            assertThat(image).as("decodable %s", tile.mediaType()).isNotNull();
            return image;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Label text pixels (#333333 on a white halo): opaque and dark. */
    private static int darkPixels(BufferedImage image, int x0, int x1, int y0, int y1) {
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int p = image.getRGB(x, y);
                if ((p >>> 24) > 200 && (p >> 16 & 0xFF) < 100 && (p >> 8 & 0xFF) < 100 && (p & 0xFF) < 100) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Every channel (alpha included) within {@code tolerance}. */
    private static boolean close(int a, int b, int tolerance) {
        for (int shift = 0; shift < 32; shift += 8) {
            if (Math.abs((a >>> shift & 0xFF) - (b >>> shift & 0xFF)) > tolerance) {
                return false;
            }
        }
        return true;
    }
}
