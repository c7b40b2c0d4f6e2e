package io.shikong.ows.xml;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * A thin streaming XML writer with the few calls the OGC encoders need, writing UTF-8 bytes straight into
 * a buffer of its own (no StAX: its writer went through a synchronized {@code write(int)} per byte, which was
 * more than half of a GML GetFeature's time). Its output is StAX's, byte for byte: the XML declaration,
 * qualified names as given, namespace declarations right after the element name, {@code <a></a>} for an
 * empty element, {@code < > &} escaped in text and {@code < > & "} in attribute values. Characters XML 1.0
 * cannot carry are dropped, so that bad data cannot break a document. Output errors become unchecked, since
 * an encoder cannot recover from a broken output anyway.
 */
public final class Xml implements AutoCloseable {

    private static final byte[] DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>".getBytes(
            java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * A qualified name encoded once ({@code <name} and {@code </name>} as UTF-8), for the names a writer repeats per
     * feature: {@link #start(Name)} and {@link #end()} copy its bytes instead of encoding the name each time.
     */
    public static final class Name {
        private final String qname;
        private final byte[] open;
        private final byte[] close;

        private Name(String qname) {
            this.qname = qname;
            byte[] n = qname.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            open = new byte[n.length + 1];
            open[0] = '<';
            System.arraycopy(n, 0, open, 1, n.length);
            close = new byte[n.length + 3];
            close[0] = '<';
            close[1] = '/';
            System.arraycopy(n, 0, close, 2, n.length);
            close[n.length + 2] = '>';
        }

        /** {@code qname} encoded once, for {@link Xml#start(Name)}. */
        public static Name of(String qname) {
            return new Name(qname);
        }

        public String qname() {
            return qname;
        }

        @Override
        public String toString() {
            return qname;
        }
    }

    /** Where the bytes go; {@code null}: kept in the buffer until {@link #take()}. */
    private final OutputStream out;
    private byte[] buf = new byte[8192];
    private int pos;
    /** Open elements: their names, as Strings or {@link Name}s. */
    private Object[] stack = new Object[32];
    private int depth;
    /** A start tag whose '>' is not written yet (attributes and namespaces may follow). */
    private boolean open;
    private boolean closed;

    public Xml(OutputStream out) {
        this.out = out;
        raw(DECLARATION, 0, DECLARATION.length);
    }

    /**
     * A writer that keeps everything in its own growing buffer until {@link #take()} hands it over: for documents
     * produced in chunks, without a stream between the writer and the chunks.
     */
    public static Xml chunked(int capacity) {
        return new Xml(capacity);
    }

    private Xml(int capacity) {
        this.out = null;
        this.buf = new byte[Math.max(capacity, 1024)];
        raw(DECLARATION, 0, DECLARATION.length);
    }

    /** A chunked writer's bytes so far (a start tag stays open until its content or end), and its buffer emptied. */
    public byte[] take() {
        if (out != null) {
            throw new IllegalStateException("take() is for chunked writers");
        }
        byte[] chunk = Arrays.copyOf(buf, pos);
        pos = 0;
        return chunk;
    }

    /**
     * Attributes as the bytes {@link #attr(String, String)} writes for them (a leading space each, values escaped),
     * for {@link #rawAttributes(byte[])}: {@code name, value, name, value...}; a {@code null} value is left out.
     */
    public static byte[] attributes(String... namesAndValues) {
        Xml x = new Xml(256);
        x.pos = 0;
        x.open = true;
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            x.attr(namesAndValues[i], namesAndValues[i + 1]);
        }
        return Arrays.copyOf(x.buf, x.pos);
    }

    /** Starts an element with a pre-encoded name. */
    public Xml start(Name name) {
        closeStartTag();
        if (depth == stack.length) {
            stack = Arrays.copyOf(stack, depth * 2);
        }
        stack[depth++] = name;
        raw(name.open, 0, name.open.length);
        open = true;
        return this;
    }

    /** {@code <name>text</name>}. */
    public Xml element(Name name, String text) {
        return start(name).text(text).end();
    }

    /**
     * An attribute whose value is {@code a + b + c} ({@code null} parts left out), escaped: ids made of parts
     * without building them.
     */
    public Xml attr(String qname, String a, String b, String c) {
        if (!open) {
            throw new IllegalStateException("attr() belongs right after start()");
        }
        ensure(1);
        buf[pos++] = ' ';
        name(qname);
        ascii("=\"");
        if (a != null) {
            escaped(a, true);
        }
        if (b != null) {
            escaped(b, true);
        }
        if (c != null) {
            escaped(c, true);
        }
        ensure(1);
        buf[pos++] = '"';
        return this;
    }

    /**
     * Attributes already written as bytes ({@code  name="value"}, a leading space each, escaped by the caller), on
     * the element just started.
     */
    public Xml rawAttributes(byte[] attributes) {
        if (!open) {
            throw new IllegalStateException("rawAttributes() belongs right after start()");
        }
        raw(attributes, 0, attributes.length);
        return this;
    }

    /**
     * Room for {@code n} bytes of text that needs no escaping, written by the caller straight into the returned array
     * from {@link #position()} on, then handed back with {@link #position(int)}: numbers without a copy.
     */
    public byte[] room(int n) {
        closeStartTag();
        ensure(n);
        return buf;
    }

    /** Where the next byte goes in the array of {@link #room(int)}. */
    public int position() {
        return pos;
    }

    /** Ends text written into the array of {@link #room(int)} at {@code end}. */
    public void position(int end) {
        if (end < pos || end > buf.length) {
            throw new IllegalArgumentException("position " + end);
        }
        pos = end;
    }

    /** Starts an element named {@code prefix:local}; declare its prefix with {@link #ns} right after. */
    public Xml start(String qname) {
        closeStartTag();
        if (depth == stack.length) {
            stack = Arrays.copyOf(stack, depth * 2);
        }
        stack[depth++] = qname;
        ensure(1);
        buf[pos++] = '<';
        name(qname);
        open = true;
        return this;
    }

    /** Declares a namespace on the element just started; an empty prefix declares the default namespace. */
    public Xml ns(String prefix, String uri) {
        if (!open) {
            throw new IllegalStateException("ns() belongs right after start()");
        }
        if (prefix == null || prefix.isEmpty()) {
            ascii(" xmlns=\""); // the default namespace
        } else {
            ascii(" xmlns:");
            name(prefix);
            ascii("=\"");
        }
        escaped(uri, true);
        ensure(1);
        buf[pos++] = '"';
        return this;
    }

    /** An attribute of the element just started; nothing when {@code value} is {@code null}. */
    public Xml attr(String qname, String value) {
        return value == null ? this : attr(qname, value, null, null);
    }

    public Xml text(String text) {
        closeStartTag();
        if (text != null) {
            escaped(text, false);
        }
        return this;
    }

    /**
     * Text that needs no escaping, given as ASCII bytes (numbers, coordinates the caller formatted): written as
     * it is. The caller guarantees that it holds no {@code < > &} and no control character.
     */
    public Xml ascii(byte[] text, int offset, int length) {
        closeStartTag();
        raw(text, offset, length);
        return this;
    }

    /** {@code <qname>text</qname>}. */
    public Xml element(String qname, String text) {
        return start(qname).text(text).end();
    }

    public Xml end() {
        if (depth == 0) {
            throw new IllegalStateException("no element to end");
        }
        closeStartTag();
        Object top = stack[--depth];
        stack[depth] = null;
        if (top instanceof Name n) {
            raw(n.close, 0, n.close.length);
            return this;
        }
        ensure(2);
        buf[pos++] = '<';
        buf[pos++] = '/';
        name((String) top);
        ensure(1);
        buf[pos++] = '>';
        return this;
    }

    /** Bytes written but not yet handed to the output stream. */
    public int buffered() {
        return pos;
    }

    /** Hands what is written to the output stream (a start tag stays open until its content or end). */
    public void flush() {
        if (closed || out == null) {
            return;
        }
        drain();
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends every open element and flushes; the output stream itself stays open. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        while (depth > 0) {
            end();
        }
        flush();
        closed = out != null; // a chunked writer's last bytes are still to be taken
    }

    private void closeStartTag() {
        if (open) {
            open = false;
            ensure(1);
            buf[pos++] = '>';
        }
    }

    private void drain() {
        if (pos > 0) {
            try {
                out.write(buf, 0, pos);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            pos = 0;
        }
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            if (out == null) {
                buf = Arrays.copyOf(buf, Math.max(pos + n, buf.length * 2));
                return;
            }
            drain();
            if (n > buf.length) {
                buf = new byte[Math.max(n, buf.length * 2)];
            }
        }
    }

    private void raw(byte[] b, int off, int len) {
        if (len > buf.length - pos && out == null) {
            ensure(len);
        } else if (len > buf.length - pos) {
            drain();
            if (len > buf.length) {
                try {
                    out.write(b, off, len);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return;
            }
        }
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
    }

    /** A name or a constant of ASCII characters, as it is. */
    private void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[pos++] = (byte) s.charAt(i);
        }
    }

    /** A qualified name (XML names may hold any letter): UTF-8, unescaped. */
    private void name(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                escaped(s, false);
                return;
            }
        }
        ascii(s);
    }

    /** Text or an attribute value in UTF-8, escaped, characters XML 1.0 cannot carry dropped. */
    private void escaped(String s, boolean attribute) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (pos + 6 > buf.length) {
                ensure(6);
            }
            if (c < 0x80) {
                if (c >= 0x20) {
                    switch (c) {
                        case '<' -> entity('l', 't');
                        case '>' -> entity('g', 't');
                        case '&' -> {
                            buf[pos++] = '&';
                            buf[pos++] = 'a';
                            buf[pos++] = 'm';
                            buf[pos++] = 'p';
                            buf[pos++] = ';';
                        }
                        case '"' -> {
                            if (attribute) {
                                buf[pos++] = '&';
                                buf[pos++] = 'q';
                                buf[pos++] = 'u';
                                buf[pos++] = 'o';
                                buf[pos++] = 't';
                                buf[pos++] = ';';
                            } else {
                                buf[pos++] = '"';
                            }
                        }
                        default -> buf[pos++] = (byte) c;
                    }
                } else if (c == '\n' || c == '\t' || c == '\r') {
                    buf[pos++] = (byte) c;
                }
                // other control characters: dropped
            } else if (c < 0x800) {
                buf[pos++] = (byte) (0xC0 | (c >> 6));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    buf[pos++] = (byte) (0xF0 | (cp >> 18));
                    buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    buf[pos++] = (byte) (0x80 | (cp & 0x3F));
                }
                // an unpaired surrogate is no character: dropped
            } else if (c < 0xFFFE) {
                buf[pos++] = (byte) (0xE0 | (c >> 12));
                buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
            }
            // U+FFFE and U+FFFF are no XML characters: dropped
        }
    }

    private void entity(char a, char b) {
        buf[pos++] = '&';
        buf[pos++] = (byte) a;
        buf[pos++] = (byte) b;
        buf[pos++] = ';';
    }
}
