package io.shikong.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The feature keys seen in one input, to find duplicates in flat memory: 16 bytes per key (a 64-bit
 * digest of the key and the record index that had it) in an open-addressing table, instead of the keys
 * themselves. Two different keys share a digest with probability about n²/2⁶⁵ (3·10⁻⁸ for a million
 * keys); such a pair would be reported as a duplicate naming both records, so a user can see it.
 */
final class KeyIndex {

    private static final long EMPTY = 0;

    private long[] digests = new long[1 << 12];
    private long[] records = new long[1 << 12];
    private int size;
    private final MessageDigest md5 = newMd5();

    /**
     * Adds a key.
     *
     * @return -1 when the key is new, else the index of the record that had it first
     */
    long add(String key, long record) {
        long d = digest(key);
        if (size * 2 >= digests.length) {
            grow();
        }
        int mask = digests.length - 1;
        int i = (int) (mix(d) & mask);
        while (digests[i] != EMPTY) {
            if (digests[i] == d) {
                return records[i];
            }
            i = (i + 1) & mask;
        }
        digests[i] = d;
        records[i] = record;
        size++;
        return -1;
    }

    private void grow() {
        long[] od = digests;
        long[] or = records;
        digests = new long[od.length * 2];
        records = new long[od.length * 2];
        int mask = digests.length - 1;
        for (int j = 0; j < od.length; j++) {
            if (od[j] != EMPTY) {
                int i = (int) (mix(od[j]) & mask);
                while (digests[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                digests[i] = od[j];
                records[i] = or[j];
            }
        }
    }

    private static long mix(long d) {
        return d ^ (d >>> 29);
    }

    private long digest(String key) {
        byte[] h = md5.digest(key.getBytes(StandardCharsets.UTF_8));
        long d = 0;
        for (int i = 0; i < 8; i++) {
            d = d << 8 | (h[i] & 0xFF);
        }
        return d == EMPTY ? 1 : d;
    }

    /** One digest for the index's life (the index is used by one thread); looked up once, not per key. */
    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
