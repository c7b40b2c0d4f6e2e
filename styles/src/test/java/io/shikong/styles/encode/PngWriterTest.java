package io.shikong.styles.encode;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.zip.Inflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** {@link PngWriter}'s own deflate: every kind of image decodes to its exact pixels, by ImageIO and by zlib. */
class PngWriterTest {

    private static BufferedImage image(int w, int h, boolean alpha) {
        return new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    }

    private static int[] pixels(BufferedImage image) {
        return ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    }

    private static BufferedImage drawn(int w, int h, boolean alpha) {
        BufferedImage img = image(w, h, alpha);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 60; i++) {
            g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256), 64 + r.nextInt(192)));
            double x = r.nextDouble(-20, w);
            double y = r.nextDouble(-20, h);
            double s = r.nextDouble(2, Math.max(3, w / 3.0));
            if (i % 2 == 0) {
                g.fill(new Ellipse2D.Double(x, y, s, s * 0.7));
            } else {
                g.setStroke(new BasicStroke((float) r.nextDouble(0.5, 4)));
                g.drawLine((int) x, (int) y, (int) (x + s), (int) (y + s / 2));
            }
        }
        g.dispose();
        return img;
    }

    private static BufferedImage noise(int w, int h, boolean alpha, long seed) {
        BufferedImage img = image(w, h, alpha);
        SplittableRandom r = new SplittableRandom(seed);
        int[] px = pixels(img);
        for (int i = 0; i < px.length; i++) {
            px[i] = r.nextInt();
        }
        return img;
    }

    private static BufferedImage flat(int w, int h, boolean alpha, int argb) {
        BufferedImage img = image(w, h, alpha);
        java.util.Arrays.fill(pixels(img), argb);
        return img;
    }

    private static byte[] png(BufferedImage image) throws Exception {
        assertThat(PngWriter.supports(image)).isTrue();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PngWriter.write(image, out);
        return out.toByteArray();
    }

    /** Encodes, decodes with ImageIO and with a strict zlib inflate of the IDAT data, and compares every pixel. */
    private static byte[] assertRoundTrip(BufferedImage image) throws Exception {
        byte[] png = png(image);
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(decoded.getWidth()).isEqualTo(w);
        assertThat(decoded.getHeight()).isEqualTo(h);
        assertThat(decoded.getColorModel().hasAlpha()).isEqualTo(image.getColorModel().hasAlpha());
        int[] expected = image.getRGB(0, 0, w, h, null, 0, w);
        int[] actual = decoded.getRGB(0, 0, w, h, null, 0, w);
        assertThat(actual).isEqualTo(expected);
        assertThat(inflatedIdat(png)).isEqualTo((long) h * (w * (image.getColorModel().hasAlpha() ? 4 : 3) + 1));
        return png;
    }

    /** The type of the first deflate block (0 stored, 1 fixed codes, 2 dynamic codes). */
    private static int firstBlockType(byte[] png) {
        // signature 8, IHDR 25, then the first IDAT: length, type, the zlib header's two bytes
        assertThat(new String(png, 37, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("IDAT");
        return png[43] >> 1 & 3;
    }

    /** The length of the IDAT data inflated to its end (zlib checks the Adler-32 there), chunk CRCs checked. */
    private static long inflatedIdat(byte[] png) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(png);
        b.position(8);
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        while (b.remaining() > 0) {
            int length = b.getInt();
            byte[] type = new byte[4];
            b.get(type);
            byte[] data = new byte[length];
            b.get(data);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(type);
            crc.update(data);
            assertThat(b.getInt()).isEqualTo((int) crc.getValue());
            if (new String(type, java.nio.charset.StandardCharsets.US_ASCII).equals("IDAT")) {
                idat.write(data);
            }
        }
        Inflater inflater = new Inflater();
        inflater.setInput(idat.toByteArray());
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        while (!inflater.finished()) {
            int n = inflater.inflate(buffer);
            assertThat(n > 0 || inflater.finished()).as("inflate stalls: %s", inflater.needsInput() ? "truncated" : "?").isTrue();
            total += n;
        }
        assertThat(inflater.getRemaining()).isZero();
        inflater.end();
        return total;
    }

    @Test
    void transparentImages() throws Exception {
        byte[] blank = assertRoundTrip(image(1024, 768, true));
        assertThat(blank.length).isLessThan(8_000);
        assertRoundTrip(drawn(300, 200, true));
    }

    @Test
    void opaqueImages() throws Exception {
        assertRoundTrip(image(1024, 768, false));
        assertRoundTrip(drawn(300, 200, false));
        assertRoundTrip(flat(257, 31, false, 0xFF336699));
    }

    @Test
    void flatImages() throws Exception {
        assertRoundTrip(flat(1024, 768, true, 0xFF2040C0));
        assertRoundTrip(flat(1000, 3, true, 0x80FFFFFF));
        // runs of a byte that is not zero, longer than a match
        assertRoundTrip(flat(700, 2, true, 0x01010101));
        assertRoundTrip(flat(700, 2, false, 0x00010101));
    }

    @Test
    void blockTypes() throws Exception {
        assertThat(firstBlockType(assertRoundTrip(noise(256, 256, true, 1)))).isZero();
        assertThat(firstBlockType(assertRoundTrip(image(1, 1, true)))).isEqualTo(1);
        assertThat(firstBlockType(assertRoundTrip(drawn(300, 200, true)))).isEqualTo(2);
    }

    @Test
    void busyImagesAndStoredBlocks() throws Exception {
        assertRoundTrip(noise(256, 256, true, 1));
        assertRoundTrip(noise(255, 129, false, 2));
        // rows longer than a block (and than a stored block's 65,535 bytes)
        assertRoundTrip(noise(20_000, 3, true, 3));
        assertRoundTrip(drawn(17_000, 5, true));
    }

    @Test
    void oddAndTinySizes() throws Exception {
        for (int w : new int[] {1, 2, 3, 5, 7, 31, 257}) {
            for (int h : new int[] {1, 2, 3, 9}) {
                for (boolean alpha : new boolean[] {true, false}) {
                    assertRoundTrip(drawn(w, h, alpha));
                    assertRoundTrip(noise(w, h, alpha, w * 31L + h));
                    assertRoundTrip(image(w, h, alpha));
                    assertRoundTrip(flat(w, h, alpha, 0xFFFFFFFF));
                }
            }
        }
    }

    @Test
    void halfTransparentAndMixedStretches() throws Exception {
        // busy top, empty middle, flat bottom: blocks of each kind in one stream
        BufferedImage img = image(512, 600, true);
        int[] px = pixels(img);
        BufferedImage busy = noise(512, 150, true, 9);
        System.arraycopy(pixels(busy), 0, px, 0, 512 * 150);
        java.util.Arrays.fill(px, 512 * 400, px.length, 0x7F00FF00);
        BufferedImage lines = drawn(512, 100, true);
        System.arraycopy(pixels(lines), 0, px, 512 * 250, 512 * 100);
        assertRoundTrip(img);
    }

    @Test
    void repeatedPatternsNearAndFar() throws Exception {
        // busy rows repeated every k rows: matches at k rows' distance, up to just inside and just past 32 KiB
        for (int k : new int[] {1, 2, 7, 8}) {
            for (boolean alpha : new boolean[] {true, false}) {
                BufferedImage rows = noise(1024, k, alpha, k);
                BufferedImage img = image(1024, 40, alpha);
                for (int y = 0; y < 40; y++) {
                    System.arraycopy(pixels(rows), (y % k) * 1024, pixels(img), y * 1024, 1024);
                }
                assertRoundTrip(img);
            }
        }
        // hatching: a slanted pattern, each row the one above shifted by a pixel
        BufferedImage hatch = image(777, 300, true);
        int[] px = pixels(hatch);
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 777; x++) {
                int t = (x + y) % 9;
                px[y * 777 + x] = t == 0 ? 0xFF2E7D32 : t == 1 ? 0x802E7D32 : 0x40A5D6A7;
            }
        }
        byte[] png = assertRoundTrip(hatch);
        assertThat(png.length).isLessThan(20_000); // the repeats found, not coded byte by byte
    }

    @Test
    void theUnusedByteOfRgbPixelsIsIgnored() throws Exception {
        BufferedImage img = noise(97, 13, false, 5);
        int[] px = pixels(img);
        int[] clean = new int[px.length];
        SplittableRandom r = new SplittableRandom(6);
        for (int i = 0; i < px.length; i++) {
            if (i % 3 == 0) {
                px[i] = px[Math.max(0, i - 97)];
            }
            clean[i] = px[i] & 0xFFFFFF;
            px[i] = clean[i] | r.nextInt(256) << 24;
        }
        BufferedImage same = image(97, 13, false);
        System.arraycopy(clean, 0, pixels(same), 0, clean.length);
        assertThat(png(img)).isEqualTo(png(same));
        assertRoundTrip(img);
    }

    @Test
    void encodingIsRepeatable() throws Exception {
        BufferedImage img = drawn(640, 480, true);
        assertThat(png(img)).isEqualTo(png(img));
    }

    /**
     * A bounded fuzz of the deflater: 200 seeded images of random size and type mixing what maps hold (flat areas,
     * anti-aliased shapes, runs of one colour, repeated stripes at random periods, noise patches, rows copied from
     * far above), each decoded by ImageIO and by a strict inflate to exactly its pixels.
     */
    @Test
    void randomMixedImagesRoundTrip() throws Exception {
        SplittableRandom r = new SplittableRandom(20261130);
        for (int n = 0; n < 200; n++) {
            int w = 1 + r.nextInt(n % 10 == 0 ? 1100 : 300);
            int h = 1 + r.nextInt(n % 10 == 0 ? 300 : 120);
            boolean alpha = r.nextBoolean();
            BufferedImage img = image(w, h, alpha);
            int[] px = pixels(img);
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            for (int i = r.nextInt(12); i > 0; i--) {
                g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256), r.nextInt(256)));
                g.fill(new Ellipse2D.Double(r.nextDouble(-10, w), r.nextDouble(-10, h), r.nextDouble(1, w + 1),
                        r.nextDouble(1, h + 1)));
            }
            g.dispose();
            for (int i = r.nextInt(6); i > 0; i--) {
                int kind = r.nextInt(3);
                int y0 = r.nextInt(h);
                int rows = 1 + r.nextInt(Math.max(1, h - y0));
                int period = 1 + r.nextInt(40);
                int c0 = r.nextInt();
                int c1 = r.nextInt();
                for (int y = y0; y < y0 + rows; y++) {
                    for (int x = 0; x < w; x++) {
                        int k = y * w + x;
                        px[k] = switch (kind) {
                            case 0 -> (x + y) / period % 2 == 0 ? c0 : c1; // stripes
                            case 1 -> r.nextInt(8) == 0 ? r.nextInt() : px[k]; // sprinkled noise
                            default -> y >= period ? px[k - period * w] : c0; // rows from above
                        };
                    }
                }
            }
            assertRoundTrip(img);
        }
    }

    /** The former zlib path, kept for A/B runs ({@code -Dpng.zlib=true}), still writes the image's exact pixels. */
    @Test
    void formerZlibPathRoundTrips() throws Exception {
        for (BufferedImage img : new BufferedImage[] {drawn(300, 200, true), drawn(77, 5, false), noise(64, 64, true, 9),
            flat(1, 1, true, 0)}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PngWriter.writeZlib(img, out);
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
            int w = img.getWidth();
            int h = img.getHeight();
            assertThat(decoded.getRGB(0, 0, w, h, null, 0, w)).isEqualTo(img.getRGB(0, 0, w, h, null, 0, w));
        }
    }
}
