package io.shikong.tiles;

import io.shikong.core.error.InvalidParameterException;

/**
 * A tile outside its matrix (a column or row beyond the matrix, a zoom the set does not have): WMTS answers
 * {@code TileOutOfRange}, XYZ and OGC API answer 404. The locator names the parameter ({@code TileMatrix},
 * {@code TileRow} or {@code TileCol}).
 */
public class TileOutOfRangeException extends InvalidParameterException {

    public TileOutOfRangeException(String locator, String message) {
        super(locator, message);
    }
}
