package io.shikong.styles.encode;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageEncoderTest {

    static BufferedImage sample() {
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(200, 30, 30));
        g.fillRect(0, 0, 32, 48);
        g.setColor(new Color(30, 30, 200));
        g.fillRect(32, 0, 16, 48);
        g.dispose(); // the right quarter stays transparent
        return img;
    }

    static BufferedImage roundTrip(ImageEncoder.Format f) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageEncoder.write(sample(), f, Color.WHITE, out);
        return ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
    }

    @Test
    void pngKeepsColoursAndTransparency() throws Exception {
        BufferedImage png = roundTrip(ImageEncoder.Format.PNG);
        assertThat(new Color(png.getRGB(5, 5), true)).isEqualTo(new Color(200, 30, 30));
        assertThat(new Color(png.getRGB(60, 5), true).getAlpha()).isZero();
    }

    @Test
    void png8IsPalettedAndExactForFlatMaps() throws Exception {
        BufferedImage png8 = roundTrip(ImageEncoder.Format.PNG8);
        assertThat(png8.getColorModel()).isInstanceOf(IndexColorModel.class);
        assertThat(new Color(png8.getRGB(40, 5), true)).isEqualTo(new Color(30, 30, 200));
        assertThat(new Color(png8.getRGB(60, 5), true).getAlpha()).isZero();
    }

    @Test
    void jpegFlattensOntoTheBackground() throws Exception {
        BufferedImage jpg = roundTrip(ImageEncoder.Format.JPEG);
        Color c = new Color(jpg.getRGB(60, 24));
        assertThat(c.getRed()).isGreaterThan(240);
        assertThat(c.getBlue()).isGreaterThan(240);
    }

    @Test
    void formatNames() {
        assertThat(ImageEncoder.Format.of("image/png; mode=8bit")).isEqualTo(ImageEncoder.Format.PNG8);
        assertThat(ImageEncoder.Format.of("IMAGE/PNG")).isEqualTo(ImageEncoder.Format.PNG);
        assertThat(ImageEncoder.Format.of("image/jpeg")).isEqualTo(ImageEncoder.Format.JPEG);
        assertThat(ImageEncoder.Format.of("image/gif")).isNull();
    }
}
