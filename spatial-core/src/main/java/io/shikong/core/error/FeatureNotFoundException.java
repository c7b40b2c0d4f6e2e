package io.shikong.core.error;

/** A feature id that does not exist (at the requested time) in a layer (HTTP 404, {@code NotFound}). */
public class FeatureNotFoundException extends ShikongException {

    public FeatureNotFoundException(String layer, String id) {
        super(OgcCode.NOT_FOUND, "id", "Layer '" + layer + "' has no feature '" + id + "'");
    }
}
