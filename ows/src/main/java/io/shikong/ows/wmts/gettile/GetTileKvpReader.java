package io.shikong.ows.wmts.gettile;

import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.params.Params;
import io.shikong.ows.Kvp;
import io.shikong.tiles.TileFormat;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a WMTS 1.0.0 GetTile from KVP (names in any case: LAYER, STYLE, FORMAT, TILEMATRIXSET, TILEMATRIX,
 * TILEROW, TILECOL and the TIME dimension), and the values of a RESTful path with the same checks. A missing
 * parameter is a MissingParameterValue naming it, a value that cannot be read an InvalidParameterValue;
 * whether the layer, style, set and tile exist is for the service to say. STYLE may be left empty (OWSLib,
 * GDAL): the default style.
 */
public final class GetTileKvpReader {

    /** TIME values that mean the current state: the dimension's default. */
    private static final Set<String> CURRENT = Set.of("current", "default", "now", "present");

    private GetTileKvpReader() {
    }

    /** A GetTile from KVP. */
    public static GetTileRequest read(Kvp kvp) {
        String layer = kvp.require("LAYER");
        String style = kvp.get("STYLE");
        TileFormat format = format(kvp.require("FORMAT"));
        String set = kvp.require("TILEMATRIXSET");
        String matrix = kvp.require("TILEMATRIX");
        long row = index(kvp.require("TILEROW"), "TileRow");
        long col = index(kvp.require("TILECOL"), "TileCol");
        return new GetTileRequest(layer, style(style), format, set, matrix, row, col, time(kvp.get("TIME")));
    }

    /** The format of a FORMAT value (a media type) or a RESTful extension. */
    public static TileFormat format(String value) {
        return TileFormat.find(value).orElseThrow(() -> new InvalidParameterException("Format",
                "不支持的瓦片格式 tile format '" + value + "' is not served; use one of "
                        + Arrays.stream(TileFormat.values()).map(f -> f.mediaType).toList()));
    }

    /** The style identifier, {@code null} for the default. */
    public static String style(String value) {
        return value == null || value.isBlank() || value.trim().equalsIgnoreCase("default") ? null : value.trim();
    }

    /** A TileRow or TileCol: an integer (whether it is inside the matrix is the tile service's check). */
    public static long index(String value, String locator) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(locator, locator + " '" + value + "' is not an integer", e);
        }
    }

    /**
     * The TIME dimension: {@code null} (current) for absent, {@code current} or {@code default}; an ISO 8601
     * instant otherwise. A tile shows one instant, so a period or a list is refused.
     */
    public static Instant time(String value) {
        if (value == null || value.isBlank() || CURRENT.contains(value.trim().toLowerCase(Locale.ROOT))) {
            return null;
        }
        if (value.contains("/") || value.contains(",")) {
            throw new InvalidParameterException("Time", "a tile shows the city at one instant: TIME '" + value
                    + "' must be an ISO 8601 instant or 'current', not a period or a list");
        }
        return Params.instant(value, "Time");
    }
}
