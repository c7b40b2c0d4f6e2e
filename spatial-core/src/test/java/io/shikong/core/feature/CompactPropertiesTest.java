package io.shikong.core.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link CompactProperties} behaves as an unmodifiable {@link LinkedHashMap} of the same entries. */
class CompactPropertiesTest {

    /** The same entries both ways: a compact map and the linked hash map a store used to make. */
    private static Object[] values(int n) {
        Object[] v = new Object[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (i % 4) {
                case 0 -> "v" + i;
                case 1 -> i;
                case 2 -> null;
                default -> i * 1.5;
            };
        }
        return v;
    }

    private static List<String> names(int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add("p" + (n - i)); // not in sorted order: the order is the keys' own
        }
        return names;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 8, 9, 20})
    void behavesAsTheLinkedHashMapOfItsEntries(int n) {
        List<String> names = names(n);
        Object[] v = values(n);
        Map<String, Object> expected = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            expected.put(names.get(i), v[i]);
        }
        CompactProperties map = new CompactProperties(CompactProperties.Keys.of(names), v.clone());
        assertThat(map).isEqualTo(expected);
        assertThat(expected).isEqualTo(map);
        assertThat(map.hashCode()).isEqualTo(expected.hashCode());
        assertThat(map.toString()).isEqualTo(expected.toString());
        assertThat(map.size()).isEqualTo(n);
        assertThat(map.isEmpty()).isEqualTo(n == 0);
        assertThat(new ArrayList<>(map.keySet())).containsExactlyElementsOf(expected.keySet());
        assertThat(new ArrayList<>(map.values())).containsExactlyElementsOf(expected.values());
        assertThat(new ArrayList<>(map.entrySet())).containsExactlyElementsOf(expected.entrySet());
        List<String> seen = new ArrayList<>();
        map.forEach((k, x) -> seen.add(k + "=" + x));
        List<String> wanted = new ArrayList<>();
        expected.forEach((k, x) -> wanted.add(k + "=" + x));
        assertThat(seen).isEqualTo(wanted);
        for (String name : names) {
            assertThat(map.get(name)).isEqualTo(expected.get(name));
            assertThat(map.containsKey(name)).isTrue();
        }
        assertThat(map.get("absent")).isNull();
        assertThat(map.containsKey("absent")).isFalse();
        assertThat(map.get(null)).isNull();
        assertThat(map.getOrDefault("absent", "d")).isEqualTo("d");
        if (n > 2) {
            // a present key with a null value is present, as in the linked hash map
            assertThat(map.containsKey(names.get(2))).isTrue();
            assertThat(map.getOrDefault(names.get(2), "d")).isNull();
            assertThat(map.containsValue(null)).isTrue();
            assertThat(map.containsValue(v[1])).isTrue();
        }
        assertThat(map.containsValue("nowhere")).isFalse();
        // a feature made of it holds the same properties
        Feature f = new Feature("f", null, map, null, null, 1);
        assertThat(f.properties()).isEqualTo(expected);
        assertThat(new ArrayList<>(f.properties().keySet())).containsExactlyElementsOf(expected.keySet());
        // and keeps the map itself: no copy per feature read
        assertThat(f.properties()).isSameAs(map);
    }

    @Test
    void isUnmodifiable() {
        CompactProperties map = new CompactProperties(CompactProperties.Keys.of(List.of("a", "b")), new Object[] {"x", 2});
        assertThatThrownBy(() -> map.put("c", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(map::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.entrySet().iterator().next().setValue("y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.keySet().iterator().remove()).isInstanceOfAny(UnsupportedOperationException.class,
                IllegalStateException.class);
        assertThatThrownBy(() -> map.putAll(Map.of("z", 1))).isInstanceOf(UnsupportedOperationException.class);
        assertThat(map).containsExactly(Map.entry("a", "x"), Map.entry("b", 2));
        assertThat(map).isEqualTo(Collections.unmodifiableMap(new LinkedHashMap<>(map)));
    }

    @Test
    void keysAreNamedOnceAndValuesMatchThem() {
        assertThatThrownBy(() -> CompactProperties.Keys.of(List.of("a", "b", "a"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CompactProperties.Keys.of(names(12).stream().map(s -> s.equals("p3") ? "p4" : s).toList()))
                .isInstanceOf(IllegalArgumentException.class);
        CompactProperties.Keys keys = CompactProperties.Keys.of(List.of("a", "b"));
        assertThatThrownBy(() -> new CompactProperties(keys, new Object[1])).isInstanceOf(IllegalArgumentException.class);
        // one set of keys serves every feature of a read
        CompactProperties one = new CompactProperties(keys, new Object[] {1, 2});
        CompactProperties two = new CompactProperties(keys, new Object[] {3, null});
        assertThat(one).containsEntry("b", 2);
        assertThat(two).containsEntry("a", 3).containsEntry("b", null);
        assertThat(one).isNotEqualTo(two);
    }
}
