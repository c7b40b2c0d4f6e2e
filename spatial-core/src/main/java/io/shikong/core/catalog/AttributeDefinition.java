package io.shikong.core.catalog;

import java.util.Objects;

/**
 * One non-spatial attribute of a layer.
 *
 * @param name     property name as clients see it, and column name in the store
 * @param type     value type
 * @param title    human title; may be {@code null}
 * @param nullable whether the value may be absent (most sample attributes are)
 */
public record AttributeDefinition(String name, AttributeType type, String title, boolean nullable) {

    public AttributeDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public static AttributeDefinition of(String name, AttributeType type) {
        return new AttributeDefinition(name, type, null, true);
    }
}
