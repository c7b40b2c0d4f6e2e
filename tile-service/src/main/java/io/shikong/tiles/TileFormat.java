package io.shikong.tiles;

import java.util.Locale;
import java.util.Optional;

/** The formats of a tile: Mapbox Vector Tile, or a raster image through the styles renderer. */
public enum TileFormat {
    MVT("application/vnd.mapbox-vector-tile", "mvt"),
    PNG("image/png", "png"),
    PNG8("image/png; mode=8bit", "png8"),
    JPEG("image/jpeg", "jpg");

    /** The media type answered. */
    public final String mediaType;
    /** The file extension used in XYZ paths, WMTS RESTful templates and the cache. */
    public final String extension;

    TileFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public boolean vector() {
        return this == MVT;
    }

    /**
     * The format an extension or media type names, case-insensitively: {@code mvt}, {@code pbf},
     * {@code application/vnd.mapbox-vector-tile}, {@code application/x-protobuf}; {@code png},
     * {@code image/png}; {@code png8}, {@code image/png8}, {@code image/png; mode=8bit}; {@code jpg},
     * {@code jpeg}, {@code image/jpeg}.
     */
    public static Optional<TileFormat> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        return Optional.ofNullable(switch (n) {
            case "mvt", "pbf", "application/vnd.mapbox-vector-tile", "application/x-protobuf" -> MVT;
            case "png", "image/png" -> PNG;
            case "png8", "image/png8", "image/png;mode=8bit" -> PNG8;
            case "jpg", "jpeg", "image/jpeg", "image/jpg" -> JPEG;
            default -> null;
        });
    }
}
