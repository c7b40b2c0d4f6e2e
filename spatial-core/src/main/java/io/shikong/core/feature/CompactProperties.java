package io.shikong.core.feature;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The properties of one feature read by a store: an unmodifiable map in the order of its {@link Keys}, which all the
 * features of one read share, holding only an array of values (a store reading 60,000 features makes 60,000 small
 * arrays instead of as many hash maps). It behaves as an unmodifiable {@link java.util.LinkedHashMap} of the same
 * entries: the same order, {@code null} values under present keys, and {@code equals}, {@code hashCode} and
 * {@code toString} of any map.
 */
public final class CompactProperties extends AbstractMap<String, Object> {

    /** The property names of a read, in order, shared by its features' maps. */
    public static final class Keys {

        private final String[] names;
        /** Only for many names; a few are found faster by comparing. */
        private final Map<String, Integer> index;

        private Keys(String[] names) {
            this.names = names;
            if (names.length > 8) {
                index = new HashMap<>(names.length * 2);
                for (int i = 0; i < names.length; i++) {
                    if (index.putIfAbsent(names[i], i) != null) {
                        throw new IllegalArgumentException("property '" + names[i] + "' twice");
                    }
                }
            } else {
                index = null;
                for (int i = 0; i < names.length; i++) {
                    for (int j = 0; j < i; j++) {
                        if (names[i].equals(names[j])) {
                            throw new IllegalArgumentException("property '" + names[i] + "' twice");
                        }
                    }
                }
            }
        }

        /** The keys {@code names}, in order; no name twice, none {@code null}. */
        public static Keys of(List<String> names) {
            String[] a = names.toArray(new String[0]);
            for (String n : a) {
                Objects.requireNonNull(n, "property name");
            }
            return new Keys(a);
        }

        public int size() {
            return names.length;
        }

        int indexOf(Object key) {
            if (index != null) {
                Integer i = index.get(key);
                return i == null ? -1 : i;
            }
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }
    }

    private final Keys keys;
    private final Object[] values;

    /**
     * The map of {@code keys} to {@code values} (the i-th value under the i-th key; {@code null} allowed). The array is
     * kept, not copied: the caller gives it up.
     */
    public CompactProperties(Keys keys, Object[] values) {
        if (values.length != keys.names.length) {
            throw new IllegalArgumentException(values.length + " values for " + keys.names.length + " keys");
        }
        this.keys = keys;
        this.values = values;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean isEmpty() {
        return values.length == 0;
    }

    @Override
    public Object get(Object key) {
        int i = keys.indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return keys.indexOf(key) >= 0;
    }

    @Override
    public boolean containsValue(Object value) {
        for (Object v : values) {
            if (Objects.equals(v, value)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        String[] names = keys.names;
        for (int i = 0; i < values.length; i++) {
            action.accept(names[i], values[i]);
        }
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < values.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= values.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(keys.names[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return values.length;
            }
        };
    }

    @Override
    public int hashCode() {
        int h = 0;
        String[] names = keys.names;
        for (int i = 0; i < values.length; i++) {
            h += names[i].hashCode() ^ Objects.hashCode(values[i]);
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        String[] names = keys.names;
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(names[i]).append('=').append(values[i] == this ? "(this Map)" : values[i]);
        }
        return sb.append('}').toString();
    }
}
