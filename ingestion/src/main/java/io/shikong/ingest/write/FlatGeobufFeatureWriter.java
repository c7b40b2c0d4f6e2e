package io.shikong.ingest.write;

import com.google.flatbuffers.FlatBufferBuilder;
import io.shikong.core.catalog.AttributeDefinition;
import io.shikong.core.catalog.GeometryType;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.Crs;
import io.shikong.core.feature.Feature;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.wololo.flatgeobuf.ColumnMeta;
import org.wololo.flatgeobuf.Constants;
import org.wololo.flatgeobuf.GeometryConversions;
import org.wololo.flatgeobuf.HeaderMeta;
import org.wololo.flatgeobuf.generated.ColumnType;

/**
 * A FlatGeobuf file written as a stream (org.wololo:flatgeobuf): the header with the schema's columns,
 * the layer's geometry type and the CRS's EPSG code (0 for GCJ-02/BD-09), no spatial index and an unknown
 * feature count (both optional in the format, which makes one pass possible), then one size-prefixed
 * feature per {@link #write}. Dates and instants are DateTime columns (ISO 8601).
 */
public final class FlatGeobufFeatureWriter implements FeatureWriter {

    private final OutputStream out;
    private final ExportSchema schema;
    private final byte geometryType;
    private final FlatBufferBuilder builder = new FlatBufferBuilder(4096);
    private ByteBuffer props = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);

    public FlatGeobufFeatureWriter(OutputStream out, LayerDefinition layer, Crs crs) throws IOException {
        this.out = new BufferedOutputStream(out, 1 << 16);
        this.schema = ExportSchema.of(layer);
        HeaderMeta h = new HeaderMeta();
        h.name = layer.name();
        h.geometryType = layer.geometryType() == GeometryType.GEOMETRY ? 0
                : GeometryConversions.toGeometryType(jtsClass(layer.geometryType()));
        h.srid = Math.max(0, crs.epsg());
        h.featuresCount = 0;
        h.indexNodeSize = 0;
        h.columns = new ArrayList<>();
        for (AttributeDefinition a : schema.columns()) {
            ColumnMeta c = new ColumnMeta();
            c.name = a.name();
            c.type = (byte) columnType(a);
            c.nullable = a.nullable();
            h.columns.add(c);
        }
        this.geometryType = h.geometryType;
        this.out.write(Constants.MAGIC_BYTES);
        HeaderMeta.write(h, this.out, new FlatBufferBuilder(1024));
    }

    private static Class<?> jtsClass(GeometryType t) {
        return switch (t) {
            case POINT -> org.locationtech.jts.geom.Point.class;
            case LINESTRING -> org.locationtech.jts.geom.LineString.class;
            case POLYGON -> org.locationtech.jts.geom.Polygon.class;
            case MULTIPOINT -> org.locationtech.jts.geom.MultiPoint.class;
            case MULTILINESTRING -> org.locationtech.jts.geom.MultiLineString.class;
            case MULTIPOLYGON -> org.locationtech.jts.geom.MultiPolygon.class;
            case GEOMETRY -> org.locationtech.jts.geom.Geometry.class;
        };
    }

    private static int columnType(AttributeDefinition a) {
        return switch (a.type()) {
            case STRING -> ColumnType.String;
            case INTEGER -> ColumnType.Int;
            case LONG -> ColumnType.Long;
            case DOUBLE -> ColumnType.Double;
            case BOOLEAN -> ColumnType.Bool;
            case DATE, TIMESTAMP -> ColumnType.DateTime;
        };
    }

    @Override
    public void write(Feature feature) throws IOException {
        props.clear();
        List<AttributeDefinition> cols = schema.columns();
        for (int i = 0; i < cols.size(); i++) {
            Object v = schema.value(feature, i);
            if (v != null) {
                putValue(i, cols.get(i), v);
            }
        }
        builder.clear();
        int geometry = 0;
        if (feature.geometry() != null) {
            byte type = geometryType != 0 ? geometryType : GeometryConversions.toGeometryType(feature.geometry().getClass());
            geometry = GeometryConversions.serialize(builder, feature.geometry(), type);
        }
        byte[] p = new byte[props.position()];
        props.flip();
        props.get(p);
        int properties = org.wololo.flatgeobuf.generated.Feature.createPropertiesVector(builder, p);
        int f = org.wololo.flatgeobuf.generated.Feature.createFeature(builder, geometry, properties, 0);
        builder.finishSizePrefixed(f);
        ByteBuffer data = builder.dataBuffer();
        out.write(data.array(), data.position(), data.remaining());
    }

    private void putValue(int column, AttributeDefinition a, Object v) {
        byte[] text = null;
        if (a.type() == io.shikong.core.catalog.AttributeType.STRING || a.type().temporal()) {
            text = v.toString().getBytes(StandardCharsets.UTF_8);
        }
        ensure(2 + 8 + (text == null ? 0 : 4 + text.length));
        props.putShort((short) column);
        switch (a.type()) {
            case STRING, DATE, TIMESTAMP -> {
                props.putInt(text.length);
                props.put(text);
            }
            case INTEGER -> props.putInt(((Number) v).intValue());
            case LONG -> props.putLong(((Number) v).longValue());
            case DOUBLE -> props.putDouble(((Number) v).doubleValue());
            case BOOLEAN -> props.put((byte) (((Boolean) v) ? 1 : 0));
        }
    }

    private void ensure(int more) {
        if (props.remaining() < more) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(props.capacity() * 2, props.position() + more))
                    .order(ByteOrder.LITTLE_ENDIAN);
            props.flip();
            bigger.put(props);
            props = bigger;
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
