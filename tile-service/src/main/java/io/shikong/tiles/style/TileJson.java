package io.shikong.tiles.style;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.shikong.core.catalog.AttributeDefinition;
import io.shikong.core.catalog.AttributeType;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.tiles.TileFormat;
import io.shikong.tiles.grid.TileMatrixSet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;

/**
 * A TileJSON 3.0.0 document of the vector tiles of one layer or a group of layers on one tile matrix set:
 * the XYZ URL template ({@value #TILES_PATH}{@code /{set}/{z}/{x}/{y}.mvt?layers=a,b}), the set's zoom range,
 * the layers' bounds in longitude/latitude and a centre inside them, and one {@code vector_layers} entry per
 * layer (its MVT layer name, title, and each property the tiles carry with its type and title in Chinese and
 * English). TileJSON assumes Web Mercator XYZ tiles; for the other sets the document names the set in its
 * URLs, and clients that read it must know the set.
 */
public final class TileJson {

    /** The path below the public base URL the XYZ tiles and their TileJSON are served at. */
    public static final String TILES_PATH = "/tiles";
    /** The property a text feature id is written to in the tiles (an integer id is the MVT feature id). */
    public static final String ID_PROPERTY = "id";
    /** Attribution of every document. */
    public static final String ATTRIBUTION = "© 时空 Shikong";

    private static final JsonFactory JSON = new JsonFactory();

    private final String baseUrl;
    private final TileMatrixSet set;

    /**
     * @param baseUrl the public URL the endpoints are below, e.g. {@code http://host}
     * @param set     the tile matrix set of the tiles
     */
    public TileJson(String baseUrl, TileMatrixSet set) {
        this.baseUrl = baseUrl;
        this.set = set;
    }

    /** The tile matrix set of the tiles. */
    public TileMatrixSet set() {
        return set;
    }

    /** The URL of the TileJSON document of these layers on this set ({@value #TILES_PATH}{@code /{set}/tilejson.json?layers=}). */
    public String url(List<LayerDefinition> layers) {
        return baseUrl + TILES_PATH + "/" + set.id() + "/tilejson.json?layers=" + layerList(layers);
    }

    /** The XYZ template of the layers' vector tiles. */
    public String tilesTemplate(List<LayerDefinition> layers) {
        return baseUrl + TILES_PATH + "/" + set.id() + "/{z}/{x}/{y}." + TileFormat.MVT.extension + "?layers="
                + layerList(layers);
    }

    private static String layerList(List<LayerDefinition> layers) {
        return URLEncoder.encode(String.join(",", layers.stream().map(LayerDefinition::name).toList()),
                StandardCharsets.UTF_8).replace("%2C", ",");
    }

    /**
     * The document.
     *
     * @param layers       the layers, at least one, each already checked for the caller
     * @param lonLatBounds their bounds in longitude/latitude (CRS84), or {@code null} when unknown (the whole
     *                     matrix set is announced)
     */
    public byte[] document(List<LayerDefinition> layers, Envelope lonLatBounds) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a TileJSON document names at least one layer");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("tilejson", "3.0.0");
            LayerDefinition first = layers.get(0);
            g.writeStringField("name", layers.size() == 1 ? title(first)
                    : String.join(", ", layers.stream().map(TileJson::title).toList()));
            g.writeStringField("description", layers.size() == 1 && first.description() != null
                    && !first.description().isBlank() ? first.description()
                    : "时空矢量瓦片 Shikong vector tiles (" + set.title() + "): "
                            + String.join(", ", layers.stream().map(LayerDefinition::name).toList()));
            g.writeStringField("version", "1.0.0");
            g.writeStringField("attribution", ATTRIBUTION);
            g.writeStringField("scheme", "xyz");
            g.writeArrayFieldStart("tiles");
            g.writeString(tilesTemplate(layers));
            g.writeEndArray();
            g.writeNumberField("minzoom", set.minZoom());
            g.writeNumberField("maxzoom", set.maxZoom());
            Envelope b = lonLatBounds == null || lonLatBounds.isNull() ? wholeSet() : lonLatBounds;
            g.writeArrayFieldStart("bounds");
            g.writeNumber(b.getMinX());
            g.writeNumber(b.getMinY());
            g.writeNumber(b.getMaxX());
            g.writeNumber(b.getMaxY());
            g.writeEndArray();
            g.writeArrayFieldStart("center");
            g.writeNumber(b.centre().x);
            g.writeNumber(b.centre().y);
            g.writeNumber(centerZoom(b));
            g.writeEndArray();
            g.writeArrayFieldStart("vector_layers");
            for (LayerDefinition l : layers) {
                vectorLayer(g, l);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void vectorLayer(JsonGenerator g, LayerDefinition l) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", l.name());
        g.writeStringField("description", title(l));
        g.writeObjectFieldStart("fields");
        for (Map.Entry<String, String> f : fields(l).entrySet()) {
            g.writeStringField(f.getKey(), f.getValue());
        }
        g.writeEndObject();
        g.writeNumberField("minzoom", set.minZoom());
        g.writeNumberField("maxzoom", set.maxZoom());
        g.writeEndObject();
    }

    /**
     * The properties of a layer's tiles with their descriptions: a text id as {@value #ID_PROPERTY} (an integer
     * id is the MVT feature id), then every attribute, described by its type and title.
     */
    public static Map<String, String> fields(LayerDefinition l) {
        Map<String, String> fields = new LinkedHashMap<>();
        boolean integerId = l.idType() == AttributeType.INTEGER || l.idType() == AttributeType.LONG;
        if (!integerId) {
            fields.put(ID_PROPERTY, "字符串 String: 要素标识 feature id");
        }
        for (AttributeDefinition a : l.attributes()) {
            fields.putIfAbsent(a.name(), typeName(a.type()) + (a.title() == null || a.title().isBlank() ? ""
                    : ": " + a.title()));
        }
        return fields;
    }

    /** An attribute type in Chinese and English, with the form its values take in the tiles. */
    static String typeName(AttributeType t) {
        return switch (t) {
            case STRING -> "字符串 String";
            case INTEGER, LONG -> "整数 Integer";
            case DOUBLE -> "数值 Number";
            case BOOLEAN -> "布尔 Boolean";
            case DATE -> "日期 Date (yyyy-MM-dd)";
            case TIMESTAMP -> "时间 Timestamp (UTC yyyy-MM-dd'T'HH:mm:ss.SSS'Z')";
        };
    }

    private static String title(LayerDefinition l) {
        return l.title() == null || l.title().isBlank() ? l.name() : l.title();
    }

    /** The longitude/latitude bounds of the set's matrices (Web Mercator: its latitude limit). */
    private Envelope wholeSet() {
        if (set.crs().geographic()) {
            return new Envelope(-180, 180, -90, 90);
        }
        return new Envelope(-180, 180, -85.0511287798066, 85.0511287798066);
    }

    /** A zoom at which the bounds fill a screen of about 1000 pixels, inside the set's zoom range. */
    private int centerZoom(Envelope b) {
        double degrees = Math.max(b.getWidth(), b.getHeight());
        // 256-pixel tiles: zoom z shows 360 / 2^z degrees per tile
        int z = degrees <= 0 ? set.maxZoom() : (int) Math.floor(Math.log(360.0 * 4 / degrees) / Math.log(2));
        return Math.max(set.minZoom(), Math.min(Math.min(set.maxZoom(), 18), z));
    }
}
