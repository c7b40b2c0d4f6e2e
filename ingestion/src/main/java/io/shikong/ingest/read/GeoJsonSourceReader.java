package io.shikong.ingest.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Streams the features of a GeoJSON FeatureCollection or of GeoJSON Lines / GeoJSONSeq with Jackson's
 * {@link JsonParser}: one feature at a time, never the document as a tree, so memory stays flat however
 * large the file.
 *
 * <p>Properties become strings, numbers ({@code Long}, {@code BigInteger}, {@code Double}), booleans or
 * {@code null}; nested objects and arrays become their JSON text. The Feature's {@code id} member is
 * exposed as the property {@code id} unless the properties already have one. A legacy {@code crs}
 * member of the collection ({@code name} or {@code EPSG} type) is honoured when it comes before the
 * features; after them it is refused, since the features were already read. Without one the CRS is
 * CRS84, as RFC 7946 says.
 *
 * <p>A malformed geometry makes a record with a problem (the pipeline rejects it); malformed JSON or an
 * end of file inside the document is a {@link SourceReadException} with the byte offset and line.
 */
public final class GeoJsonSourceReader extends LookaheadSourceReader {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final boolean sequence;
    private final JsonParser parser;
    private final GeoJsonGeometry geometries = new GeoJsonGeometry(new GeometryFactory());
    private String crs;
    private boolean inFeatures;
    private long index;

    /**
     * Opens the file and, for a FeatureCollection, reads up to its {@code features} array.
     *
     * @param sequence true for GeoJSON Lines / GeoJSONSeq
     */
    public GeoJsonSourceReader(Path file, boolean sequence) throws IOException {
        this(Files.newInputStream(file), file.getFileName().toString(), Files.size(file), sequence);
    }

    /** Reads a stream (closed with the reader); {@code total} is its size or -1. */
    public GeoJsonSourceReader(InputStream in, String source, long total, boolean sequence) throws IOException {
        super(source, total, new CountingInputStream(in));
        this.sequence = sequence;
        InputStream body = new BufferedInputStream(counting, 1 << 16);
        if (sequence) {
            body = new RecordSeparatorFilter(body);
        }
        this.parser = JSON.createParser(body);
        if (!sequence) {
            openCollection();
        }
    }

    @Override
    public SourceFormat format() {
        return sequence ? SourceFormat.GEOJSONSEQ : SourceFormat.GEOJSON;
    }

    @Override
    public Optional<String> crs() {
        return Optional.of(crs == null ? "CRS84" : crs);
    }

    @Override
    public void close() {
        closeUnchecked(parser);
    }

    private void openCollection() {
        try {
            JsonToken t = parser.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw error(t == null ? "文件为空 the file is empty" : "不是 GeoJSON 对象 not a GeoJSON object", null);
            }
            while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                switch (name) {
                    case "type" -> {
                        String type = parser.getValueAsString();
                        if (!"FeatureCollection".equals(type)) {
                            throw error("GeoJSON 类型是 '" + type + "' 而不是 FeatureCollection / type is '" + type
                                    + "', not FeatureCollection (one Feature per line is GeoJSON Lines: .geojsonl)", null);
                        }
                    }
                    case "crs" -> crs = readCrs();
                    case "features" -> {
                        if (parser.currentToken() != JsonToken.START_ARRAY) {
                            throw error("features 不是数组 'features' is not an array", null);
                        }
                        inFeatures = true;
                        return;
                    }
                    default -> parser.skipChildren();
                }
            }
            if (t == null) {
                throw truncated(null);
            }
            finish();
        } catch (JsonEOFException | EOFException e) {
            throw truncated(e);
        } catch (JsonParseException e) {
            throw error("JSON 语法错误 malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String readCrs() throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return null;
        }
        String type = null;
        String name = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String f = parser.currentName();
            parser.nextToken();
            if (f.equals("type")) {
                type = parser.getValueAsString();
            } else if (f.equals("properties") && parser.currentToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String pf = parser.currentName();
                    parser.nextToken();
                    if (pf.equals("name") || pf.equals("code")) {
                        name = parser.getValueAsString();
                    } else {
                        parser.skipChildren();
                    }
                }
            } else {
                parser.skipChildren();
            }
        }
        if (name == null) {
            throw error("无法识别的 crs 成员 unrecognised 'crs' member (type " + type + ")", null);
        }
        return "EPSG".equalsIgnoreCase(type) && name.chars().allMatch(Character::isDigit) ? "EPSG:" + name : name;
    }

    @Override
    SourceRecord fetch() {
        try {
            if (sequence) {
                JsonToken t = parser.nextToken();
                if (t == null) {
                    return null;
                }
                if (t != JsonToken.START_OBJECT) {
                    throw error("每行应为一个 Feature 对象 each line must be one Feature object", null);
                }
                return feature("line " + parser.currentLocation().getLineNr());
            }
            if (!inFeatures) {
                return null;
            }
            JsonToken t = parser.nextToken();
            if (t == null) {
                throw truncated(null);
            }
            if (t == JsonToken.END_ARRAY) {
                inFeatures = false;
                finishCollection();
                return null;
            }
            if (t != JsonToken.START_OBJECT) {
                throw error("features 数组中的元素不是对象 an element of 'features' is not an object", null);
            }
            return feature("feature " + index + " (line " + parser.currentLocation().getLineNr() + ")");
        } catch (JsonEOFException | EOFException e) {
            throw truncated(e);
        } catch (JsonParseException e) {
            throw error("JSON 语法错误 malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void finishCollection() throws IOException {
        JsonToken t;
        while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if (name.equals("crs")) {
                throw error("crs 成员位于 features 之后，无法应用；请把它放在前面或使用 --crs / the 'crs' member comes after "
                        + "the features and cannot apply to them; move it before 'features' or declare --crs", null);
            }
            parser.skipChildren();
        }
        if (t == null) {
            throw truncated(null);
        }
    }

    private SourceRecord feature(String location) throws IOException {
        Map<String, Object> props = new LinkedHashMap<>();
        Object id = null;
        Geometry geometry = null;
        String problem = null;
        JsonStreamContext featureContext = parser.getParsingContext();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken t = parser.nextToken();
            switch (name) {
                case "id" -> id = value(t);
                case "properties" -> {
                    if (t == JsonToken.START_OBJECT) {
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String key = parser.currentName();
                            props.put(key, value(parser.nextToken()));
                        }
                    } else {
                        parser.skipChildren();
                    }
                }
                case "geometry" -> {
                    try {
                        geometry = geometries.read(parser);
                    } catch (IllegalArgumentException e) {
                        problem = "几何无法解析 malformed geometry: " + e.getMessage();
                        skipTo(featureContext);
                    }
                }
                default -> parser.skipChildren();
            }
        }
        if (parser.currentToken() == null) {
            throw truncated(null);
        }
        if (id != null && !props.containsKey("id")) {
            props.put("id", id);
        }
        long i = index++;
        return new SourceRecord(i, location, props, problem == null ? geometry : null, problem,
                problem == null ? null : "geometry");
    }

    /** After a malformed geometry: on to the token that ends it, back in the feature object. */
    private void skipTo(JsonStreamContext featureContext) throws IOException {
        while (true) {
            JsonToken t = parser.currentToken();
            if (t == null) {
                throw truncated(null);
            }
            if (parser.getParsingContext() == featureContext && !t.isStructStart() && t != JsonToken.FIELD_NAME) {
                return;
            }
            parser.nextToken();
        }
    }

    private Object value(JsonToken t) throws IOException {
        if (t == null) {
            throw truncated(null);
        }
        return switch (t) {
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberValue() instanceof Integer i ? Long.valueOf(i) : parser.getNumberValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            case START_OBJECT, START_ARRAY -> {
                StringWriter w = new StringWriter();
                try (JsonGenerator g = JSON.createGenerator(w)) {
                    g.copyCurrentStructure(parser);
                }
                yield w.toString();
            }
            default -> throw error("意外的 JSON 记号 unexpected JSON token " + t, null);
        };
    }

    private String where() {
        var loc = parser.currentLocation();
        long offset = loc.getByteOffset() >= 0 ? loc.getByteOffset() : counting.count();
        return "byte " + offset + ", line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    private SourceReadException truncated(Exception cause) {
        var loc = parser.currentLocation();
        long offset = loc.getByteOffset() >= 0 ? loc.getByteOffset() : counting.count();
        return new SourceReadException(source, "byte " + offset + ", line " + loc.getLineNr(),
                "文件在此处意外结束：文件被截断 / unexpected end of input: the file is truncated", cause);
    }

    private SourceReadException error(String message, Exception cause) {
        return new SourceReadException(source, where(), message, cause);
    }

    /** GeoJSONSeq's RS (0x1E) record separators as whitespace, so one parser reads the values in a row. */
    private static final class RecordSeparatorFilter extends FilterInputStream {

        RecordSeparatorFilter(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            return b == 0x1E ? ' ' : b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            for (int i = off; i < off + n; i++) {
                if (b[i] == 0x1E) {
                    b[i] = ' ';
                }
            }
            return n;
        }
    }
}
