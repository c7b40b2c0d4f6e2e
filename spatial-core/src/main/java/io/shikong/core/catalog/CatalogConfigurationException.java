package io.shikong.core.catalog;

/**
 * The catalog configuration is invalid. Thrown at start, never during a request; the message names
 * the key at fault, e.g. {@code layers[2].attributes[0].type}.
 */
public class CatalogConfigurationException extends RuntimeException {

    private final String key;

    public CatalogConfigurationException(String key, String message) {
        super(key + ": " + message);
        this.key = key;
    }

    public CatalogConfigurationException(String key, String message, Throwable cause) {
        super(key + ": " + message, cause);
        this.key = key;
    }

    /** The configuration key at fault. */
    public String key() {
        return key;
    }
}
