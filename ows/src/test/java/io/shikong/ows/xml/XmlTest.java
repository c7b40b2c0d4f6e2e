package io.shikong.ows.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamWriter;
import org.junit.jupiter.api.Test;

/**
 * Xml writes what the JDK's StAX writer wrote before it, byte for byte (declaration, names, namespace
 * declarations, empty elements, escaping in text and attributes, any Unicode), and drops what XML 1.0
 * cannot carry.
 */
class XmlTest {

    private static final String ALPHABET = "ab <>&\"'\n\t\r中文é𝄞\u0001\u0008\u000B";

    private static String random(SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(0, 12);
        for (int i = 0; i < n; i++) {
            int at = r.nextInt(ALPHABET.length());
            char c = ALPHABET.charAt(at);
            if (Character.isHighSurrogate(c)) {
                sb.append(c).append(ALPHABET.charAt(at + 1));
            } else if (!Character.isLowSurrogate(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** What StAX writes for the same calls, with the control characters Xml drops left out first. */
    private static String clean(String s) {
        return s.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "");
    }

    @Test
    void writesWhatStaxWrote() throws Exception {
        SplittableRandom r = new SplittableRandom(20261130);
        for (int doc = 0; doc < 200; doc++) {
            ByteArrayOutputStream mine = new ByteArrayOutputStream();
            ByteArrayOutputStream stax = new ByteArrayOutputStream();
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(stax, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            try (Xml x = new Xml(mine)) {
                x.start("wfs:FeatureCollection").ns("wfs", "http://www.opengis.net/wfs/2.0").ns("gml", "http://www.opengis.net/gml/3.2");
                w.writeStartElement("wfs", "FeatureCollection", "http://www.opengis.net/wfs/2.0");
                w.writeNamespace("wfs", "http://www.opengis.net/wfs/2.0");
                w.writeNamespace("gml", "http://www.opengis.net/gml/3.2");
                x.attr("xml:lang", "zh").attr("numberMatched", "12").attr("absent", null);
                w.writeAttribute("xml", "http://www.w3.org/XML/1998/namespace", "lang", "zh");
                w.writeAttribute("numberMatched", "12");
                int depth = 1;
                for (int i = 0; i < 40; i++) {
                    switch (r.nextInt(5)) {
                        case 0 -> {
                            x.start("shikong:名称");
                            w.writeStartElement("shikong", "名称", "");
                            depth++;
                            String v = random(r);
                            x.attr("a", v);
                            w.writeAttribute("a", clean(v));
                        }
                        case 1 -> {
                            String v = random(r);
                            x.text(v);
                            w.writeCharacters(clean(v));
                        }
                        case 2 -> {
                            if (depth > 1) {
                                x.end();
                                w.writeEndElement();
                                depth--;
                            }
                        }
                        case 3 -> {
                            String v = random(r);
                            x.element("gml:name", v);
                            w.writeStartElement("gml", "name", "");
                            w.writeCharacters(clean(v));
                            w.writeEndElement();
                        }
                        default -> {
                            byte[] digits = "123.25 41.5".getBytes(StandardCharsets.US_ASCII);
                            x.ascii(digits, 0, digits.length);
                            w.writeCharacters("123.25 41.5");
                        }
                    }
                }
            }
            w.writeEndDocument();
            w.flush();
            assertThat(mine.toString(StandardCharsets.UTF_8)).isEqualTo(stax.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void anEmptyPrefixDeclaresTheDefaultNamespaceAsStaxDid() throws Exception {
        ByteArrayOutputStream mine = new ByteArrayOutputStream();
        try (Xml x = new Xml(mine)) {
            x.start("WMS_Capabilities").ns("", "http://www.opengis.net/wms").ns("xlink", "http://www.w3.org/1999/xlink")
                    .attr("version", "1.3.0").start("Service").end();
        }
        ByteArrayOutputStream stax = new ByteArrayOutputStream();
        XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(stax, "UTF-8");
        w.writeStartDocument("UTF-8", "1.0");
        w.writeStartElement("WMS_Capabilities");
        w.writeNamespace("", "http://www.opengis.net/wms");
        w.writeNamespace("xlink", "http://www.w3.org/1999/xlink");
        w.writeAttribute("version", "1.3.0");
        w.writeStartElement("Service");
        w.writeEndElement();
        w.writeEndDocument();
        w.flush();
        assertThat(mine.toString(StandardCharsets.UTF_8)).isEqualTo(stax.toString(StandardCharsets.UTF_8))
                .contains("<WMS_Capabilities xmlns=\"http://www.opengis.net/wms\" xmlns:xlink=");
    }

    @Test
    void emptyElementsAreStartAndEndTagsAndCloseEndsEveryElement() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Xml x = new Xml(out)) {
            x.start("a").start("b").end().element("c", null).start("d").attr("k", "v");
        }
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><a><b></b><c></c><d k=\"v\"></d></a>");
    }

    @Test
    void largeTextGoesThroughAndBufferedCountsWhatIsNotFlushed() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String big = "中".repeat(100_000);
        try (Xml x = new Xml(out)) {
            x.start("a").text(big);
            byte[] raw = new byte[50_000];
            java.util.Arrays.fill(raw, (byte) '7');
            x.ascii(raw, 0, raw.length);
            assertThat(out.size() + x.buffered()).isEqualTo(38 + "<a>".length() + 300_000 + 50_000);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("7777</a>").contains(big);
    }

    @Test
    void attributesBelongToAStartTag() {
        Xml x = new Xml(new ByteArrayOutputStream());
        x.start("a").text("t");
        assertThatThrownBy(() -> x.attr("k", "v")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> x.ns("p", "u")).isInstanceOf(IllegalStateException.class);
    }
}
