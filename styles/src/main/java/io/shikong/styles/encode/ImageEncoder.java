package io.shikong.styles.encode;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Encodes rendered maps: PNG (32-bit with alpha, 24-bit without), paletted PNG8 and JPEG.
 *
 * <p>PNG of the renderer's ARGB and RGB images goes through {@link PngWriter} (Sub or Up row filters, its own
 * deflate in Java, no copy of the pixels), other images through the JDK's writer with the fastest deflate setting: map
 * images are mostly flat colour, so the size cost of fast deflate is small and the time saved large (measured in
 * {@code bench/}). PNG8 quantizes to a 256-colour palette with one transparent entry: exact when the
 * map has at most 255 colours (flat fills), nearest palette colour otherwise.
 */
public final class ImageEncoder {

    /** The formats served, by MIME type. */
    public enum Format {
        PNG("image/png"), PNG8("image/png; mode=8bit"), JPEG("image/jpeg");

        public final String mime;

        Format(String mime) {
            this.mime = mime;
        }

        /**
         * The format of a FORMAT parameter ({@code image/png}, {@code image/png8}, {@code image/png; mode=8bit},
         * {@code image/jpeg}), or {@code null} when it is none of them.
         */
        public static Format of(String value) {
            if (value == null) {
                return null;
            }
            String v = value.toLowerCase(Locale.ROOT).replace(" ", "");
            return switch (v) {
                case "image/png", "png", "image/png24", "image/png;mode=24bit", "image/png;mode=32bit" -> PNG;
                case "image/png8", "png8", "image/png;mode=8bit" -> PNG8;
                case "image/jpeg", "image/jpg", "jpeg", "jpg" -> JPEG;
                default -> null;
            };
        }
    }

    static {
        // encode in memory: ImageIO's default disk cache writes a temporary file for every image
        ImageIO.setUseCache(false);
    }

    private ImageEncoder() {
    }

    /** Writes {@code image} (ARGB) in {@code format}; JPEG flattens onto {@code background}. */
    public static void write(BufferedImage image, Format format, Color background, OutputStream out) throws IOException {
        switch (format) {
            case PNG -> png(image, out);
            case PNG8 -> png(palette(image), out);
            case JPEG -> jpeg(flatten(image, background == null ? Color.WHITE : background), out);
        }
    }

    private static void png(BufferedImage image, OutputStream out) throws IOException {
        if (PngWriter.supports(image)) {
            PngWriter.write(image, out);
            return;
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (param.canWriteCompressed()) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.85f); // the JDK maps quality q to deflate level (1-q)*9: 0.85 = level 1, fastest that compresses
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    private static void jpeg(BufferedImage rgb, OutputStream out) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        ImageWriter writer = writers.next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.85f);
            writer.write(null, new IIOImage(rgb, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    /** The image without alpha, drawn over the background (JPEG has no transparency). */
    public static BufferedImage flatten(BufferedImage image, Color background) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.setColor(background);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return rgb;
    }

    /**
     * A paletted copy: the 255 most frequent opaque colours exactly (the flat fills of a map), every
     * other colour (anti-aliased edges) mapped to the nearest of them; pixels under half opacity become
     * the transparent entry 0.
     */
    public static BufferedImage palette(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        java.util.HashMap<Integer, int[]> counts = new java.util.HashMap<>();
        for (int p : argb) {
            if ((p >>> 24) >= 128) {
                counts.computeIfAbsent(p & 0xFFFFFF, k -> new int[1])[0]++;
            }
        }
        int[] colours = new int[256];
        int n = 1; // 0 is transparent
        java.util.HashMap<Integer, Integer> index = new java.util.HashMap<>();
        var byFrequency = new java.util.ArrayList<>(counts.entrySet());
        byFrequency.sort((a, b) -> Integer.compare(b.getValue()[0], a.getValue()[0]));
        for (var e : byFrequency) {
            if (n == 256) {
                break;
            }
            colours[n] = e.getKey();
            index.put(e.getKey(), n++);
        }
        byte[] pixels = new byte[w * h];
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            if ((p >>> 24) < 128) {
                continue;
            }
            int rgb = p & 0xFFFFFF;
            Integer k = index.get(rgb);
            if (k == null) {
                final int count = n;
                k = closest(colours, count, rgb);
                index.put(rgb, k);
            }
            pixels[i] = (byte) (int) k;
        }
        byte[] r = new byte[256];
        byte[] g = new byte[256];
        byte[] b = new byte[256];
        for (int i = 1; i < n; i++) {
            r[i] = (byte) (colours[i] >> 16);
            g[i] = (byte) (colours[i] >> 8);
            b[i] = (byte) colours[i];
        }
        IndexColorModel model = new IndexColorModel(8, 256, r, g, b, 0);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, model);
        out.getRaster().setDataElements(0, 0, w, h, pixels);
        return out;
    }

    private static int closest(int[] colours, int n, int rgb) {
        int best = 1;
        long bestD = Long.MAX_VALUE;
        int r = rgb >> 16 & 0xFF;
        int g = rgb >> 8 & 0xFF;
        int b = rgb & 0xFF;
        for (int i = 1; i < n; i++) {
            int dr = (colours[i] >> 16 & 0xFF) - r;
            int dg = (colours[i] >> 8 & 0xFF) - g;
            int db = (colours[i] & 0xFF) - b;
            long d = (long) dr * dr + (long) dg * dg + (long) db * db;
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }
}
