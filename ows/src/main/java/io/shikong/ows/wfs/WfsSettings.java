package io.shikong.ows.wfs;

/**
 * Limits of the WFS.
 *
 * @param countDefault features returned when a GetFeature names no COUNT/MAXFEATURES (QGIS pages by it)
 * @param maxCount     the largest COUNT a client may ask for; responses are streamed, so this can be large
 */
public record WfsSettings(int countDefault, int maxCount) {
}
