package io.shikong.styles.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.shikong.core.feature.Feature;
import io.shikong.styles.sld.StandardStyles;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.WKTReader;

/**
 * The standard styles drawn on a small fixed scene, compared with the expected image within a
 * tolerance (anti-aliasing and font rasterizing differ slightly between machines). The expected image
 * is {@code src/test/resources/expected/standard-scene.png}; when a style changes on purpose, delete
 * it, run the test once (it writes {@code target/standard-scene.png}), look at it, and copy it back.
 */
class StandardStyleImageTest {

    static BufferedImage scene() throws Exception {
        WKTReader wkt = new WKTReader();
        MapRenderer r = new MapRenderer(320, 240, new Envelope(0, 320, 0, 240), false, java.awt.Color.WHITE);
        List<Feature> zones = List.of(
                Feature.of("Z1", wkt.read("POLYGON((10 10, 150 10, 150 120, 10 120, 10 10))"),
                        Map.of("zone_name", "浑河湿地", "protection_level", "core", "category", "wetland")),
                Feature.of("Z2", wkt.read("POLYGON((170 130, 310 130, 310 230, 170 230, 170 130))"),
                        Map.of("zone_name", "棋盘山", "protection_level", "general", "category", "forest")));
        r.draw(zones.iterator(), StandardStyles.load("eco_red_lines"), 50_000);
        List<Feature> buildings = new ArrayList<>();
        String[] uses = {"residential", "commercial", "office", "industrial", "public", "education", "medical"};
        for (int i = 0; i < uses.length; i++) {
            buildings.add(Feature.of("B" + i, wkt.read("POLYGON((" + (20 + i * 40) + " 150, " + (50 + i * 40) + " 150, "
                    + (50 + i * 40) + " 180, " + (20 + i * 40) + " 180, " + (20 + i * 40) + " 150))"), Map.of("use", uses[i], "floors", 5)));
        }
        r.draw(buildings.iterator(), StandardStyles.load("buildings"), 50_000);
        List<Feature> pipes = new ArrayList<>();
        String[] networks = {"water_supply", "drainage", "heating", "gas"};
        for (int i = 0; i < networks.length; i++) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("network", networks[i]);
            p.put("diameter_mm", i * 300);
            pipes.add(Feature.of("L" + i, wkt.read("LINESTRING(170 " + (20 + i * 25) + ", 310 " + (30 + i * 25) + ")"), p));
        }
        r.draw(pipes.iterator(), StandardStyles.load("pipelines"), 50_000);
        List<Feature> sites = new ArrayList<>();
        String[] risks = {"A", "B", "C", "D"};
        for (int i = 0; i < risks.length; i++) {
            sites.add(Feature.of("S" + i, wkt.read("POINT(" + (30 + i * 30) + " 210)"),
                    Map.of("risk_level", risks[i], "last_inspected_on", LocalDate.of(2024, 1, 1))));
        }
        r.draw(sites.iterator(), StandardStyles.load("inspection_sites"), 50_000);
        r.draw(List.of(Feature.of("V1", wkt.read("POINT(250 110)"), Map.of("captured_at", Instant.parse("2024-05-01T00:00:00Z"))))
                .iterator(), StandardStyles.load("street_view"), 50_000);
        return r.finish();
    }

    @Test
    void standardStylesLookAsExpected() throws Exception {
        BufferedImage actual = scene();
        Path out = Path.of("target", "standard-scene.png");
        Files.createDirectories(out.getParent());
        ImageIO.write(actual, "png", out.toFile());
        BufferedImage expected;
        try (InputStream in = getClass().getResourceAsStream("/expected/standard-scene.png")) {
            assertThat(in).as("expected image; see the class comment to make it").isNotNull();
            expected = ImageIO.read(in);
        }
        assertThat(actual.getWidth()).isEqualTo(expected.getWidth());
        int differing = 0;
        for (int x = 0; x < actual.getWidth(); x++) {
            for (int y = 0; y < actual.getHeight(); y++) {
                int a = actual.getRGB(x, y);
                int e = expected.getRGB(x, y);
                int d = Math.max(Math.abs((a >> 16 & 255) - (e >> 16 & 255)), Math.max(Math.abs((a >> 8 & 255) - (e >> 8 & 255)),
                        Math.abs((a & 255) - (e & 255))));
                if (d > 48) {
                    differing++;
                }
            }
        }
        // within a tolerance: at most 1 % of the pixels may differ noticeably (text rasterizing)
        assertThat(differing).as("pixels differing from " + new File("target/standard-scene.png").getAbsolutePath())
                .isLessThan(actual.getWidth() * actual.getHeight() / 100);
    }
}
