package io.shikong.styles.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.WKTReader;

class MapCanvasTest {

    static final MapCanvas.Style RED = new MapCanvas.Style(new Color(220, 0, 0), new Color(120, 0, 0), 2, false, false, "overlap");

    @Test
    void knownPixelsOfKnownFeatures() throws Exception {
        // a 1 km square in the middle of a 2 km wide map: the centre pixel is the square's fill
        MapCanvas canvas = new MapCanvas(200, 200, new Envelope(0, 2000, 0, 2000));
        canvas.add(new WKTReader().read("POLYGON((500 500, 1500 500, 1500 1500, 500 1500, 500 500))"), RED, null);
        BufferedImage img = canvas.render();
        assertThat(img.getWidth()).isEqualTo(200);
        assertThat(new Color(img.getRGB(100, 100))).isEqualTo(new Color(220, 0, 0));
        // outside the square: the background
        assertThat(new Color(img.getRGB(20, 100))).isEqualTo(new Color(0xF7, 0xF5, 0xEF));
        // y grows northwards: a square in the north-east quarter shows top right
        MapCanvas ne = new MapCanvas(200, 200, new Envelope(0, 2000, 0, 2000));
        ne.add(new WKTReader().read("POLYGON((1100 1100, 1900 1100, 1900 1900, 1100 1900, 1100 1100))"), RED, null);
        BufferedImage n = ne.render();
        assertThat(new Color(n.getRGB(150, 50))).isEqualTo(new Color(220, 0, 0));
        assertThat(new Color(n.getRGB(50, 150))).isNotEqualTo(new Color(220, 0, 0));
    }

    @Test
    void degenerateExtentsAndSizes() throws Exception {
        MapCanvas point = new MapCanvas(100, 100, new WKTReader().read("POINT(10 10)").getEnvelopeInternal());
        point.add(new WKTReader().read("POINT(10 10)"), RED, "点");
        assertThat(point.render().getHeight()).isEqualTo(100);
        assertThatThrownBy(() -> new MapCanvas(10, 100000, new Envelope(0, 1, 0, 1))).isInstanceOf(IllegalArgumentException.class);
    }
}
