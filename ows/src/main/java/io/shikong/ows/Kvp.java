package io.shikong.ows;

import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.MissingParameterException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * OGC key-value-pair parameters: names are case-insensitive (GDAL sends {@code request=}, QGIS
 * {@code REQUEST=}); a name given twice with different values is an error rather than a guess.
 */
public final class Kvp {

    private final Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    public Kvp(Map<String, List<String>> parameters) {
        for (var e : parameters.entrySet()) {
            List<String> v = e.getValue();
            if (v.isEmpty()) {
                continue;
            }
            String previous = values.put(e.getKey(), v.get(0));
            if ((previous != null && !previous.equals(v.get(0))) || v.stream().distinct().count() > 1) {
                throw new InvalidParameterException(e.getKey().toUpperCase(Locale.ROOT),
                        "parameter " + e.getKey() + " is given more than once with different values");
            }
        }
    }

    /** The value, or {@code null} when absent or blank. */
    public String get(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? null : v;
    }

    /** The first of several aliases that is present (e.g. TYPENAMES and TYPENAME). */
    public String get(String name, String alias) {
        String v = get(name);
        return v != null ? v : get(alias);
    }

    /** The value; a {@code MissingParameterValue} error when absent. */
    public String require(String name) {
        String v = get(name);
        if (v == null) {
            throw new MissingParameterException(name);
        }
        return v;
    }

    /** Whether the parameter was sent at all, even with an empty value. */
    public boolean present(String name) {
        return values.containsKey(name);
    }

    public boolean has(String name) {
        return get(name) != null;
    }
}
