package io.shikong.tiles.cache;

import io.shikong.tiles.TileFormat;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a cached tile is for: the layers (in request order), the style, the matrix set, the tile, the time
 * and the format. Its file is {@code <layers>/<style>/<set>/<time>/<z>/<x>/<y>.<ext>} under the cache's
 * tile directory, the layer names joined by {@code ','} (each URL-encoded, so no name can leave its
 * directory or fake a separator).
 *
 * @param layers    layer names, at least one
 * @param style     the style name, {@code "default"} for the layers' default styles (and for MVT)
 * @param matrixSet the matrix set's identifier (not an alias)
 * @param zoom      the matrix's zoom
 * @param col       column
 * @param row       row
 * @param time      {@link #CURRENT} or an instant as ISO-8601 basic UTC ({@link #timeKey(Instant)})
 * @param format    the tile format
 */
public record TileKey(List<String> layers, String style, String matrixSet, int zoom, long col, long row, String time,
                      TileFormat format) {

    /** The time key of the current state. */
    public static final String CURRENT = "current";

    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");

    public TileKey {
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a tile has at least one layer");
        }
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(matrixSet, "matrixSet");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(format, "format");
    }

    /** The key of another tile of the same layers, style, matrix, time and format. */
    public TileKey at(long otherCol, long otherRow) {
        return new TileKey(layers, style, matrixSet, zoom, otherCol, otherRow, time, format);
    }

    /** {@link #CURRENT} for {@code null}, else the instant in ISO-8601 basic UTC ({@code 20240501T083000Z}, {@code 20240501T083000.25Z}). */
    public static String timeKey(Instant asOf) {
        if (asOf == null) {
            return CURRENT;
        }
        String s = BASIC.format(LocalDateTime.ofInstant(asOf, ZoneOffset.UTC));
        int nanos = asOf.getNano();
        if (nanos != 0) {
            String fraction = String.format("%09d", nanos).replaceAll("0+$", "");
            s += "." + fraction;
        }
        return s + "Z";
    }

    /** The instant of a time key, or {@code null} for {@link #CURRENT} or anything unreadable. */
    static Instant instantOf(String timeKey) {
        if (!timeKey.endsWith("Z")) {
            return null;
        }
        String s = timeKey.substring(0, timeKey.length() - 1);
        int dot = s.indexOf('.');
        try {
            Instant base = LocalDateTime.parse(dot < 0 ? s : s.substring(0, dot), BASIC).toInstant(ZoneOffset.UTC);
            if (dot < 0) {
                return base;
            }
            String fraction = (s.substring(dot + 1) + "000000000").substring(0, 9);
            return base.plusNanos(Long.parseLong(fraction));
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }

    /** The directory name of a list of layers. */
    static String layersName(List<String> layers) {
        List<String> encoded = new ArrayList<>();
        for (String l : layers) {
            encoded.add(component(l));
        }
        return String.join(",", encoded);
    }

    /** The layers of a directory name. */
    static List<String> layersOf(String name) {
        List<String> out = new ArrayList<>();
        for (String part : name.split(",")) {
            out.add(URLDecoder.decode(part, StandardCharsets.UTF_8));
        }
        return out;
    }

    /** A name as one path component: URL-encoded, dots too (never {@code ..}). */
    private static String component(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace(".", "%2E");
    }

    /** The name a path component stands for. */
    static String decode(Path component) {
        return URLDecoder.decode(component.getFileName().toString(), StandardCharsets.UTF_8);
    }

    /** The tile's file under the cache's tile directory. */
    Path path(Path tiles) {
        return tiles.resolve(layersName(layers)).resolve(component(style)).resolve(component(matrixSet))
                .resolve(component(time))
                .resolve(Integer.toString(zoom)).resolve(Long.toString(col)).resolve(row + "." + format.extension);
    }
}
