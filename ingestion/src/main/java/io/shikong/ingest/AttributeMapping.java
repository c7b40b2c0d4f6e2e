package io.shikong.ingest;

import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.error.InvalidParameterException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Which source field fills which layer attribute. Without a mapping file, an attribute takes the source
 * field of the same name, compared case-insensitively. A mapping file (YAML or JSON, which is YAML) is
 * either a flat object {@code source: target} or has it under {@code fields}:
 *
 * <pre>
 * fields:
 *   建筑名称: name
 *   HEIGHT_M: height
 * </pre>
 *
 * A target that is not an attribute of the layer is refused when the load starts. Attributes no source
 * field fills are {@code null} (refused when required).
 */
public final class AttributeMapping {

    private final Map<String, String> sourceToTarget;

    private AttributeMapping(Map<String, String> sourceToTarget) {
        this.sourceToTarget = Collections.unmodifiableMap(new LinkedHashMap<>(sourceToTarget));
    }

    /** The mapping by name. */
    public static AttributeMapping byName() {
        return new AttributeMapping(Map.of());
    }

    /** An explicit mapping. */
    public static AttributeMapping of(Map<String, String> sourceToTarget) {
        return new AttributeMapping(sourceToTarget);
    }

    /**
     * Reads a mapping file.
     *
     * @throws InvalidParameterException (locator {@code mapping}) when it is not a map of names
     */
    public static AttributeMapping read(Path file) throws IOException {
        Object doc;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
        } catch (RuntimeException e) {
            throw new InvalidParameterException("mapping", "映射文件无法解析 the mapping file cannot be parsed: "
                    + e.getMessage(), e);
        }
        if (doc instanceof Map<?, ?> m && m.get("fields") instanceof Map<?, ?> fields) {
            doc = fields;
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new InvalidParameterException("mapping", "映射文件应为 源字段: 目标属性 的映射 / the mapping file must "
                    + "map source fields to layer attributes (source: target)");
        }
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new InvalidParameterException("mapping", "映射中有空名 / a name in the mapping is empty");
            }
            out.put(k.toString(), v.toString());
        });
        return new AttributeMapping(out);
    }

    /** Whether this is the mapping by name. */
    public boolean byNameOnly() {
        return sourceToTarget.isEmpty();
    }

    /** The explicit mapping, source to target. */
    public Map<String, String> sourceToTarget() {
        return sourceToTarget;
    }

    /**
     * The target attribute of each source field that maps to one, for the given layer: the explicit
     * mapping (target names matched case-insensitively), else names.
     *
     * @throws InvalidParameterException (locator {@code mapping}) when a target is not an attribute of the layer
     */
    Map<String, String> targets(LayerDefinition layer) {
        Map<String, String> attributes = new LinkedHashMap<>();
        layer.attributes().forEach(a -> attributes.put(a.name().toLowerCase(Locale.ROOT), a.name()));
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : sourceToTarget.entrySet()) {
            String target = attributes.get(e.getValue().toLowerCase(Locale.ROOT));
            if (target == null) {
                throw new InvalidParameterException("mapping", "映射目标 '" + e.getValue() + "' 不是图层 " + layer.name()
                        + " 的属性 / mapping target '" + e.getValue() + "' is not an attribute of layer " + layer.name()
                        + "; attributes: " + attributes.values());
            }
            out.put(e.getKey(), target);
        }
        return out;
    }
}
