package io.shikong.tiles.grid;

import io.shikong.core.crs.CrsService;
import io.shikong.core.error.InvalidParameterException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The tile matrix sets Shikong serves:
 * <ul>
 *   <li>{@code WebMercatorQuad} (OGC 2DTMS 2.0 Annex D): EPSG:3857, zooms 0–24, zoom 0 is one tile;</li>
 *   <li>{@code WorldCRS84Quad}: CRS84, zooms 0–21, zoom 0 is 2×1 tiles;</li>
 *   <li>{@code CGCS2000Quad}: Tianditu's "c" set, EPSG:4490 with latitude first, identifiers 1–18, level 1
 *       is 2×1 tiles of 0.703125° per 256 px, scale denominators for a 96-DPI pixel (level 1:
 *       2.958293554545656E8) as Tianditu publishes them, not OGC's 0.28 mm pixel;</li>
 *   <li>{@code WebMercatorQuadGCJ02}: the Web Mercator matrices with features shifted to GCJ-02 first, to
 *       overlay on Amap and Tencent base maps (GCJ-02 is not an EPSG CRS; such tiles do not line up with
 *       WGS 84 or CGCS2000 maps).</li>
 * </ul>
 * The numbers are computed from the definitions (cell size halving per level) rather than typed in.
 */
public final class TileMatrixSets {

    /** Equatorial radius of the WGS 84 / CGCS2000 ellipsoid, metres (the sphere of EPSG:3857). */
    static final double EARTH_RADIUS = 6378137.0;
    /** Metres per degree on the equator of that sphere (scale denominators of geographic sets). */
    static final double METRES_PER_DEGREE = 2 * Math.PI * EARTH_RADIUS / 360.0;
    /** OGC's standardized rendering pixel, 0.28 mm. */
    static final double OGC_PIXEL = 0.00028;
    /** A 96-DPI pixel (Tianditu's scale denominators). */
    static final double DPI96_PIXEL = 0.0254 / 96;

    public static final String WEB_MERCATOR_QUAD = "WebMercatorQuad";
    public static final String WORLD_CRS84_QUAD = "WorldCRS84Quad";
    public static final String CGCS2000_QUAD = "CGCS2000Quad";
    public static final String WEB_MERCATOR_QUAD_GCJ02 = "WebMercatorQuadGCJ02";

    private final Map<String, TileMatrixSet> sets = new LinkedHashMap<>();
    private final Map<String, String> aliases = new LinkedHashMap<>();

    public TileMatrixSets(CrsService crs) {
        double half = Math.PI * EARTH_RADIUS;
        List<TileMatrix> mercator = new ArrayList<>();
        for (int z = 0; z <= 24; z++) {
            double cell = 2 * half / 256 / (1L << z);
            mercator.add(new TileMatrix(Integer.toString(z), z, cell / OGC_PIXEL, cell, -half, half, 256, 256,
                    1L << z, 1L << z));
        }
        add(new TileMatrixSet(WEB_MERCATOR_QUAD, "Web 墨卡托 Web Mercator (Google Maps compatible)",
                "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad", crs.resolve("EPSG:3857"),
                "urn:ogc:def:wkss:OGC:1.0:GoogleMapsCompatible", mercator, false));
        add(new TileMatrixSet(WEB_MERCATOR_QUAD_GCJ02,
                "Web 墨卡托（GCJ-02 偏移，叠加高德/腾讯底图）Web Mercator of GCJ-02 coordinates (for Amap/Tencent base maps)",
                null, crs.resolve("EPSG:3857"), null, mercator, true));
        List<TileMatrix> crs84 = new ArrayList<>();
        for (int z = 0; z <= 21; z++) {
            double cell = 180.0 / 256 / (1L << z);
            crs84.add(new TileMatrix(Integer.toString(z), z, cell * METRES_PER_DEGREE / OGC_PIXEL, cell, -180, 90,
                    256, 256, 2L << z, 1L << z));
        }
        add(new TileMatrixSet(WORLD_CRS84_QUAD, "WGS 84 经纬度 CRS84 geographic quad",
                "http://www.opengis.net/def/tilematrixset/OGC/1.0/WorldCRS84Quad", crs.resolve("CRS84"),
                "urn:ogc:def:wkss:OGC:1.0:GoogleCRS84Quad", crs84, false));
        List<TileMatrix> tianditu = new ArrayList<>();
        for (int level = 1; level <= 18; level++) {
            double cell = 180.0 / 256 / (1L << (level - 1));
            tianditu.add(new TileMatrix(Integer.toString(level), level, cell * METRES_PER_DEGREE / DPI96_PIXEL, cell,
                    -180, 90, 256, 256, 1L << level, 1L << (level - 1)));
        }
        add(new TileMatrixSet(CGCS2000_QUAD, "CGCS2000 经纬度（天地图 c 矩阵集）CGCS2000 geographic (Tianditu \"c\")",
                null, crs.resolve("EPSG:4490"), null, tianditu, false));
        aliases.put("googlemapscompatible", WEB_MERCATOR_QUAD);
        aliases.put("epsg:3857", WEB_MERCATOR_QUAD);
        aliases.put("epsg:900913", WEB_MERCATOR_QUAD);
        aliases.put("crs84", WORLD_CRS84_QUAD);
        aliases.put("c", CGCS2000_QUAD);
        aliases.put("epsg:4490", CGCS2000_QUAD);
        aliases.put("gcj02", WEB_MERCATOR_QUAD_GCJ02);
    }

    private void add(TileMatrixSet set) {
        sets.put(set.id(), set);
        aliases.put(set.id().toLowerCase(Locale.ROOT), set.id());
    }

    /** Every set, in the order above. */
    public List<TileMatrixSet> all() {
        return List.copyOf(sets.values());
    }

    /** The set with this identifier or alias (case-insensitive: {@code c}, {@code EPSG:3857}, …). */
    public Optional<TileMatrixSet> find(String idOrAlias) {
        if (idOrAlias == null) {
            return Optional.empty();
        }
        String id = aliases.get(idOrAlias.trim().toLowerCase(Locale.ROOT));
        return Optional.ofNullable(id == null ? null : sets.get(id));
    }

    /**
     * The set with this identifier or alias.
     *
     * @throws InvalidParameterException (locator {@code tileMatrixSet}) naming the sets there are
     */
    public TileMatrixSet get(String idOrAlias) {
        return find(idOrAlias).orElseThrow(() -> new InvalidParameterException("tileMatrixSet",
                "未知的瓦片矩阵集 unknown tile matrix set '" + idOrAlias + "'; known: " + String.join(", ", sets.keySet())));
    }
}
