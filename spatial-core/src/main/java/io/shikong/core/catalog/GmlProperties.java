package io.shikong.core.catalog;

/**
 * Which attributes of a layer stand for GML's standard feature properties {@code gml:name},
 * {@code gml:description} and {@code gml:identifier}, so that generic GML clients (and OGC's test
 * suite) can read, filter and write them: each is an attribute name of the layer, or {@code null}
 * when the layer has no such property (then it is always absent: {@code PropertyIsNull} holds).
 *
 * @param name        attribute written as {@code gml:name}
 * @param description attribute written as {@code gml:description}
 * @param identifier  attribute written as {@code gml:identifier} (GML 3.2 only)
 */
public record GmlProperties(String name, String description, String identifier) {

    public static final GmlProperties NONE = new GmlProperties(null, null, null);

    /** The attribute a GML standard property (its local name: name, description, identifier) maps to, or {@code null}. */
    public String attributeFor(String localName) {
        return switch (localName) {
            case "name" -> name;
            case "description" -> description;
            case "identifier" -> identifier;
            default -> null;
        };
    }

    /** Whether the local name is one of the three standard properties. */
    public static boolean isStandard(String localName) {
        return localName.equals("name") || localName.equals("description") || localName.equals("identifier");
    }
}
