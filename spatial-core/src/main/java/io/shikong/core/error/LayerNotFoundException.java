package io.shikong.core.error;

/**
 * A layer does not exist, or the caller may not see it: both answer the same, so that restricted
 * layers do not reveal themselves ({@code LayerNotDefined}; HTTP 404 in REST, 400 in the OGC reports).
 */
public class LayerNotFoundException extends ShikongException {

    public LayerNotFoundException(String layer) {
        super(OgcCode.LAYER_NOT_DEFINED, 404, "layer", "Unknown layer '" + layer + "'", null);
    }
}
