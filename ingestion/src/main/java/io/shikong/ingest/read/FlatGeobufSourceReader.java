package io.shikong.ingest.read;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;
import org.wololo.flatgeobuf.ColumnMeta;
import org.wololo.flatgeobuf.GeometryConversions;
import org.wololo.flatgeobuf.HeaderMeta;
import org.wololo.flatgeobuf.PackedRTree;
import org.wololo.flatgeobuf.generated.ColumnType;
import org.wololo.flatgeobuf.generated.Feature;

/**
 * Streams a FlatGeobuf file front to back (org.wololo:flatgeobuf): the header (columns, CRS), the
 * spatial index skipped, then one size-prefixed feature at a time. The CRS is the header's EPSG code
 * ({@code srid}); 0 (unknown) gives none. Property values keep their column types (date-times as ISO
 * strings, binary as Base64). A file that ends inside a feature is a {@link SourceReadException}.
 */
public final class FlatGeobufSourceReader extends LookaheadSourceReader {

    private final DataInputStream in;
    private final HeaderMeta header;
    private long index;

    public FlatGeobufSourceReader(Path file) throws IOException {
        super(file.getFileName().toString(), Files.size(file), new CountingInputStream(Files.newInputStream(file)));
        this.in = new DataInputStream(new BufferedInputStream(counting, 1 << 16));
        try {
            this.header = HeaderMeta.read(in);
            if (header.indexNodeSize > 0 && header.featuresCount > 0) {
                in.skipNBytes(PackedRTree.calcSize((int) header.featuresCount, header.indexNodeSize));
            }
        } catch (IOException | RuntimeException e) {
            in.close();
            throw new SourceReadException(source, "header", "不是有效的 FlatGeobuf 文件 not a valid FlatGeobuf file: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public SourceFormat format() {
        return SourceFormat.FLATGEOBUF;
    }

    @Override
    public Optional<String> crs() {
        return header.srid > 0 ? Optional.of("EPSG:" + header.srid) : Optional.empty();
    }

    @Override
    SourceRecord fetch() {
        long offset = counting.count();
        try {
            int b0 = in.read();
            if (b0 < 0) {
                return null;
            }
            int size = b0 | in.readUnsignedByte() << 8 | in.readUnsignedByte() << 16 | in.readUnsignedByte() << 24;
            byte[] bytes = new byte[size];
            in.readFully(bytes);
            ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            Feature f = Feature.getRootAsFeature(bb);
            long i = index++;
            String location = "feature " + i;
            Map<String, Object> props = new LinkedHashMap<>();
            for (ColumnMeta c : header.columns) {
                props.put(c.name, null);
            }
            ByteBuffer pb = f.propertiesAsByteBuffer();
            if (pb != null) {
                readProperties(pb.order(ByteOrder.LITTLE_ENDIAN), props);
            }
            Geometry g;
            try {
                g = f.geometry() == null ? null : GeometryConversions.deserialize(f.geometry(), header.geometryType);
            } catch (RuntimeException e) {
                return new SourceRecord(i, location, props, null, "几何无法解析 unreadable geometry: " + e.getMessage(),
                        "geometry");
            }
            return SourceRecord.of(i, location, props, g);
        } catch (EOFException e) {
            throw new SourceReadException(source, "byte " + offset + ", feature " + index,
                    "文件在要素中间结束：文件被截断 / the file ends inside a feature: it is truncated", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readProperties(ByteBuffer pb, Map<String, Object> props) {
        while (pb.remaining() >= 2) {
            int col = Short.toUnsignedInt(pb.getShort());
            ColumnMeta c = header.columns.get(col);
            Object v = switch (c.type) {
                case ColumnType.Byte -> (long) pb.get();
                case ColumnType.UByte -> (long) Byte.toUnsignedInt(pb.get());
                case ColumnType.Bool -> pb.get() != 0;
                case ColumnType.Short -> (long) pb.getShort();
                case ColumnType.UShort -> (long) Short.toUnsignedInt(pb.getShort());
                case ColumnType.Int -> (long) pb.getInt();
                case ColumnType.UInt -> Integer.toUnsignedLong(pb.getInt());
                case ColumnType.Long, ColumnType.ULong -> pb.getLong();
                case ColumnType.Float -> (double) pb.getFloat();
                case ColumnType.Double -> pb.getDouble();
                case ColumnType.String, ColumnType.Json, ColumnType.DateTime -> {
                    byte[] s = new byte[pb.getInt()];
                    pb.get(s);
                    yield new String(s, StandardCharsets.UTF_8);
                }
                case ColumnType.Binary -> {
                    byte[] s = new byte[pb.getInt()];
                    pb.get(s);
                    yield Base64.getEncoder().encodeToString(s);
                }
                default -> throw new SourceReadException(source, "feature " + index,
                        "未知的列类型 unknown column type " + c.type + " of '" + c.name + "'");
            };
            props.put(c.name, v);
        }
    }

    @Override
    public void close() {
        closeUnchecked(in);
    }
}
