package io.shikong.ows.xml;

import java.io.OutputStream;
import java.io.UncheckedIOException;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A thin streaming XML writer over StAX with the few calls the OGC encoders need; checked
 * exceptions become unchecked, since an encoder cannot recover from a broken output anyway.
 */
public final class Xml implements AutoCloseable {

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private final XMLStreamWriter w;
    private final java.util.Map<String, String> namespaces = new java.util.HashMap<>();
    private final java.util.List<String[]> pendingNs = new java.util.ArrayList<>();
    private String pending;
    private boolean closed;

    public Xml(OutputStream out) {
        try {
            this.w = FACTORY.createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts an element named {@code prefix:local}; declare its prefix with {@link #ns} right after. */
    public Xml start(String qname) {
        flushPending();
        pending = qname;
        return this;
    }

    /** Declares a namespace on the element just started. */
    public Xml ns(String prefix, String uri) {
        if (pending == null) {
            throw new IllegalStateException("ns() belongs right after start()");
        }
        namespaces.put(prefix, uri);
        pendingNs.add(new String[] {prefix, uri});
        return this;
    }

    public Xml attr(String qname, String value) {
        flushPending();
        if (value == null) {
            return this;
        }
        try {
            int colon = qname.indexOf(':');
            if (colon < 0) {
                w.writeAttribute(qname, clean(value));
            } else {
                String prefix = qname.substring(0, colon);
                String uri = prefix.equals("xml") ? "http://www.w3.org/XML/1998/namespace" : namespaces.getOrDefault(prefix, "");
                w.writeAttribute(prefix, uri, qname.substring(colon + 1), clean(value));
            }
            return this;
        } catch (XMLStreamException e) {
            throw wrap(e);
        }
    }

    /** Writes the started element once its namespace declarations are known. */
    private void flushPending() {
        if (pending == null) {
            return;
        }
        String qname = pending;
        pending = null;
        try {
            int colon = qname.indexOf(':');
            if (colon < 0) {
                w.writeStartElement(qname);
            } else {
                String prefix = qname.substring(0, colon);
                w.writeStartElement(prefix, qname.substring(colon + 1), namespaces.getOrDefault(prefix, ""));
            }
            for (String[] ns : pendingNs) {
                w.writeNamespace(ns[0], ns[1]);
            }
            pendingNs.clear();
        } catch (XMLStreamException e) {
            throw wrap(e);
        }
    }

    public Xml text(String text) {
        flushPending();
        try {
            if (text != null) {
                w.writeCharacters(clean(text));
            }
            return this;
        } catch (XMLStreamException e) {
            throw wrap(e);
        }
    }

    /** {@code <qname>text</qname>}. */
    public Xml element(String qname, String text) {
        return start(qname).text(text).end();
    }

    public Xml end() {
        flushPending();
        try {
            w.writeEndElement();
            return this;
        } catch (XMLStreamException e) {
            throw wrap(e);
        }
    }

    public void flush() {
        if (closed) {
            return;
        }
        flushPending();
        try {
            w.flush();
        } catch (XMLStreamException e) {
            throw wrap(e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        flushPending();
        try {
            w.writeEndDocument();
            w.flush();
            w.close();
        } catch (XMLStreamException e) {
            throw wrap(e);
        }
    }

    /** Drops characters XML 1.0 cannot carry, so that bad data cannot break a document. */
    private static String clean(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                StringBuilder sb = new StringBuilder(s.length());
                for (int j = 0; j < s.length(); j++) {
                    char d = s.charAt(j);
                    if (d >= 0x20 || d == '\n' || d == '\t' || d == '\r') {
                        sb.append(d);
                    }
                }
                return sb.toString();
            }
        }
        return s;
    }

    private static UncheckedIOException wrap(XMLStreamException e) {
        return new UncheckedIOException(new java.io.IOException(e));
    }
}
