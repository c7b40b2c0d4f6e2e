package io.shikong.ingest;

import io.shikong.core.catalog.AttributeDefinition;
import io.shikong.core.feature.Feature;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

/**
 * A temporary file holding validated features between the two passes of a load, so that the whole input
 * is checked before anything is written while memory stays flat. Each feature: its id, its geometry as
 * WKB and its attribute values in schema order, binary and typed by the layer's schema. Deleted on
 * {@link #close()}.
 */
final class Spool implements AutoCloseable {

    private final Path file;
    private final List<AttributeDefinition> attributes;
    private DataOutputStream out;
    private DataInputStream in;
    private long count;
    private final WKBWriter wkb2 = new WKBWriter(2);
    private final WKBWriter wkb3 = new WKBWriter(3);

    Spool(Path directory, List<AttributeDefinition> attributes) throws IOException {
        this.file = directory == null ? Files.createTempFile("shikong-ingest", ".spool")
                : Files.createTempFile(directory, "shikong-ingest", ".spool");
        this.attributes = attributes;
        this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    long count() {
        return count;
    }

    /** Writes one feature: its id, its geometry and its values in the order of the layer's attributes. */
    void write(String id, Geometry g, Object[] values) throws IOException {
        bytes(id.getBytes(StandardCharsets.UTF_8));
        bytes(g == null ? new byte[0] : (hasZ(g) ? wkb3 : wkb2).write(g));
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            out.writeBoolean(v != null);
            if (v == null) {
                continue;
            }
            switch (attributes.get(i).type()) {
                case STRING -> bytes(((String) v).getBytes(StandardCharsets.UTF_8));
                case INTEGER -> out.writeInt((Integer) v);
                case LONG -> out.writeLong((Long) v);
                case DOUBLE -> out.writeDouble((Double) v);
                case BOOLEAN -> out.writeBoolean((Boolean) v);
                case DATE -> out.writeLong(((LocalDate) v).toEpochDay());
                case TIMESTAMP -> {
                    out.writeLong(((Instant) v).getEpochSecond());
                    out.writeInt(((Instant) v).getNano());
                }
                default -> throw new IllegalStateException(attributes.get(i).type().name());
            }
        }
        count++;
    }

    private static boolean hasZ(Geometry g) {
        var c = g.getCoordinate();
        return c != null && !Double.isNaN(c.getZ());
    }

    private void bytes(byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    /** Ends writing; the features can then be read once, in the order written. */
    Iterator<Feature> read() throws IOException {
        out.close();
        out = null;
        in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        WKBReader wkb = new WKBReader(new GeometryFactory());
        return new Iterator<>() {
            private long done;

            @Override
            public boolean hasNext() {
                if (done == count) {
                    try {
                        in.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return false;
                }
                return true;
            }

            @Override
            public Feature next() {
                if (done == count) {
                    throw new NoSuchElementException();
                }
                try {
                    String id = new String(readBytes(in), StandardCharsets.UTF_8);
                    byte[] g = readBytes(in);
                    Geometry geometry = g.length == 0 ? null : wkb.read(g);
                    Map<String, Object> props = new LinkedHashMap<>();
                    for (AttributeDefinition a : attributes) {
                        props.put(a.name(), in.readBoolean() ? value(in, a) : null);
                    }
                    done++;
                    return Feature.of(id, geometry, props);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (ParseException e) {
                    throw new IllegalStateException("spool corrupted", e);
                }
            }
        };
    }

    private static Object value(DataInputStream in, AttributeDefinition a) throws IOException {
        return switch (a.type()) {
            case STRING -> new String(readBytes(in), StandardCharsets.UTF_8);
            case INTEGER -> in.readInt();
            case LONG -> in.readLong();
            case DOUBLE -> in.readDouble();
            case BOOLEAN -> in.readBoolean();
            case DATE -> LocalDate.ofEpochDay(in.readLong());
            case TIMESTAMP -> Instant.ofEpochSecond(in.readLong(), in.readInt());
        };
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return b;
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
        if (in != null) {
            in.close();
        }
        Files.deleteIfExists(file);
    }
}
