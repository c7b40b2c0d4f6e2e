package io.shikong.api.rest.redline;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * The PDF report of a check (PDFBox): header, method, the table of zones per footprint, and the map.
 * Chinese needs a CJK TrueType font embedded: WenQuanYi Zen Hei from Debian's fonts-wqy-zenhei; without
 * it non-Latin characters are replaced by '?' rather than failing.
 */
final class RedLinePdf {

    private static final String[] FONT_FILES = {"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"};
    /** The CJK font, parsed once (17 MB); PDFBox fonts are not thread-safe, so reports are made one at a time. */
    private static TrueTypeFont cjkFont;
    private static boolean cjkLooked;
    private static final Object LOCK = new Object();

    private RedLinePdf() {
    }

    static byte[] pdf(RedLineCheckResponse r, byte[] png) {
        synchronized (LOCK) {
            return render(r, png);
        }
    }

    private static byte[] render(RedLineCheckResponse r, byte[] png) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDFont font = font(doc);
            boolean cjk = !(font instanceof PDType1Font);
            List<String> lines = new ArrayList<>();
            lines.add("生态保护红线合规检查报告  Ecological red-line compliance report");
            lines.add("Check " + r.id() + "   created " + r.createdAt());
            lines.add("Red lines as of " + r.asOf() + " (version " + r.redLineVersion() + ", " + r.zonesInForce() + " zones in force)");
            lines.add("Buffer " + fmt(r.bufferMeters()) + " m.");
            lines.addAll(wrap("Method: " + r.method(), 110));
            lines.add("");
            for (RedLineCheckResponse.Footprint f : r.footprints()) {
                lines.add("Footprint " + (f.index() + 1) + ": " + f.verdict().toUpperCase(Locale.ROOT) + "   area "
                        + fmt(f.areaM2()) + " m²" + (f.repaired() ? "   (repaired: " + f.note() + ")" : ""));
                if (!f.zones().isEmpty()) {
                    lines.add(String.format("  %-22s %-14s %-8s %14s %9s %9s %10s", "zone", "category", "level",
                            "overlap m²", "of fp.", "of zone", "dist. m"));
                }
                for (RedLineCheckResponse.Zone z : f.zones()) {
                    lines.add(String.format("  %-22s %-14s %-8s %14s %8.2f%% %8.4f%% %10s", z.name(), z.category(),
                            z.protectionLevel(), fmt(z.overlapM2()), z.shareOfFootprint() * 100, z.shareOfZone() * 100,
                            fmt(z.distanceM())));
                }
                if (f.nearest() != null) {
                    lines.add("  nearest zone: " + f.nearest().name() + " (" + f.nearest().category() + ") at "
                            + fmt(f.nearest().distanceM()) + " m");
                }
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            float y = page.getMediaBox().getHeight() - 50;
            PDPageContentStream cs = new PDPageContentStream(doc, page);
            for (String line : lines) {
                if (y < 60) {
                    cs.close();
                    page = new PDPage(PDRectangle.A4);
                    doc.addPage(page);
                    cs = new PDPageContentStream(doc, page);
                    y = page.getMediaBox().getHeight() - 50;
                }
                cs.beginText();
                cs.setFont(font, line.startsWith("生态") ? 13 : 8.5f);
                cs.newLineAtOffset(40, y);
                cs.showText(printable(font, cjk ? line : latin(line)));
                cs.endText();
                y -= line.startsWith("生态") ? 20 : 12;
            }
            PDImageXObject image = PDImageXObject.createFromByteArray(doc, png, "map.png");
            float w = page.getMediaBox().getWidth() - 80;
            float h = w * image.getHeight() / image.getWidth();
            if (y - h < 40) {
                cs.close();
                page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                cs = new PDPageContentStream(doc, page);
                y = page.getMediaBox().getHeight() - 50;
            }
            cs.drawImage(image, 40, y - h - 10, w, h);
            cs.close();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PDFont font(PDDocument doc) throws IOException {
        if (!cjkLooked) {
            cjkLooked = true;
            for (String path : FONT_FILES) {
                File file = new File(path);
                if (file.isFile()) {
                    // kept open for the life of the process: the font is read lazily, glyph by glyph
                    TrueTypeCollection ttc = new TrueTypeCollection(file);
                    cjkFont = ttc.getFontByName("WenQuanYiZenHei");
                    if (cjkFont != null) {
                        break;
                    }
                }
            }
        }
        return cjkFont != null ? PDType0Font.load(doc, cjkFont, true) : new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    }

    /** Characters the font cannot show (controls, missing glyphs) become '?' rather than failing the report. */
    private static String printable(PDFont font, String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            String c = new String(Character.toChars(cp));
            if (Character.isISOControl(cp)) {
                sb.append(' ');
                return;
            }
            try {
                font.encode(c);
                sb.append(c);
            } catch (IOException | IllegalArgumentException e) {
                sb.append('?');
            }
        });
        return sb.toString();
    }

    private static List<String> wrap(String text, int width) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() + word.length() + 1 > width && line.length() > 0) {
                out.add(line.toString());
                line.setLength(0);
                line.append("    ");
            }
            line.append(line.length() == 0 || line.toString().isBlank() ? "" : " ").append(word);
        }
        out.add(line.toString());
        return out;
    }

    private static String latin(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c < 0x100 ? c : '?');
        }
        return sb.toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%,.1f", v);
    }
}
