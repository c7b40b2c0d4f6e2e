package io.shikong.ows.wmts.getfeatureinfo;

import io.shikong.core.error.MissingParameterException;
import io.shikong.ows.Kvp;
import io.shikong.ows.wmts.gettile.GetTileKvpReader;
import io.shikong.ows.wmts.gettile.GetTileRequest;
import java.util.Objects;

/**
 * A WMTS GetFeatureInfo: the tile (as GetTile names it) and a pixel of it.
 *
 * @param tile       the tile clicked on
 * @param i          I, the pixel's column in the tile, as given (checked against the tile's width later)
 * @param j          J, the pixel's row in the tile, as given
 * @param infoFormat the answer's format: one of WMS GetFeatureInfo's
 */
public record WmtsFeatureInfoRequest(GetTileRequest tile, String i, String j, String infoFormat) {

    public WmtsFeatureInfoRequest {
        Objects.requireNonNull(tile, "tile");
        Objects.requireNonNull(i, "i");
        Objects.requireNonNull(j, "j");
        Objects.requireNonNull(infoFormat, "infoFormat");
    }

    /** From KVP: GetTile's parameters plus I, J and INFOFORMAT (each required). */
    public static WmtsFeatureInfoRequest read(Kvp kvp) {
        GetTileRequest tile = GetTileKvpReader.read(kvp);
        String i = kvp.get("I");
        if (i == null) {
            throw new MissingParameterException("I");
        }
        String j = kvp.get("J");
        if (j == null) {
            throw new MissingParameterException("J");
        }
        String format = kvp.get("INFOFORMAT", "INFO_FORMAT");
        if (format == null) {
            throw new MissingParameterException("InfoFormat");
        }
        return new WmtsFeatureInfoRequest(tile, i, j, format);
    }
}
