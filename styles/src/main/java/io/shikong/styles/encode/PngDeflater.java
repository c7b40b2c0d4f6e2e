package io.shikong.styles.encode;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.Adler32;
import java.util.zip.CRC32;

/**
 * The IDAT data of a PNG (a zlib stream of the filtered rows), made in Java straight from the image's {@code int}
 * pixels: each row is filtered Sub or Up, whichever leaves more pixels unchanged (counted on whole pixels, not
 * bytes; as small as choosing by sums of absolute values on maps), written four bytes at a time; the filtered bytes
 * are coded in blocks of ~64 KiB, each with its own Huffman codes (or the fixed codes, or stored, whichever is
 * smallest), as literals, runs of one repeated byte (matches at distance 1, as zlib's {@code Z_RLE}) and matches of
 * 16 bytes or more found by one hash probe of four bytes where a pixel starts, sparser after misses (repeated
 * patterns: hatching, dashes, the rows of a slanted edge). Rendered maps are flat colour, anti-aliased edges and empty space: after filtering,
 * long runs of zeros and busy stretches in which repeats are rare, so this finds most of what zlib's level 1 match
 * search finds at a fraction of its cost. One instance per thread, its buffers kept between images.
 *
 * <p>Written here because no library that resolves from Maven Central does this: {@link java.util.zip.Deflater}
 * offers levels and the default, filtered and Huffman-only strategies but not zlib's {@code Z_RLE} or any way to
 * skip the match search per stretch, and zlib at level 1 was a quarter of a map's CPU (libz 12.6 % + its JNI and
 * copies, async-profiler on the WMS benchmark); the PNG encoders there (ImageIO, PNGJ) deflate through zlib too.
 */
final class PngDeflater {

    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final ThreadLocal<PngDeflater> INSTANCES = ThreadLocal.withInitial(PngDeflater::new);
    /** Filtered bytes per deflate block (a row more at most). */
    private static final int BLOCK = 1 << 16;
    /** Bytes per IDAT chunk. */
    private static final int CHUNK = 1 << 16;
    private static final int H = 0x80808080;
    private static final int HASH_BITS = 14;
    /** Matches shorter than this at distances over 1 did not pay on maps (their codes cost about their literals). */
    private static final int MIN_MATCH = 16;
    private static final int[] DIST_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
        1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    private static final int[] DIST_EXTRA = new int[30];
    /** The distance code of distances 1-256 (at d - 1) and of longer ones (at 256 + (d - 1) / 128), as zlib's. */
    private static final int[] DIST_CODE = new int[512];
    private static final int[] FIXED_DIST_LENGTHS = new int[30];

    /** Length code (257-285), its extra bits and their value, for each match length 3-258. */
    private static final int[] LENGTH_CODE = new int[259];
    private static final int[] LENGTH_EXTRA_BITS = new int[259];
    private static final int[] LENGTH_EXTRA = new int[259];
    private static final int[] FIXED_LIT_LENGTHS = new int[288];
    private static final int[] CODE_LENGTH_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

    static {
        int[] base = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163,
            195, 227, 258};
        int[] extra = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
        for (int c = 0; c < base.length; c++) {
            int end = c + 1 < base.length ? base[c + 1] : 259;
            for (int len = base[c]; len < end && len <= 258; len++) {
                LENGTH_CODE[len] = 257 + c;
                LENGTH_EXTRA_BITS[len] = extra[c];
                LENGTH_EXTRA[len] = len - base[c];
            }
        }
        LENGTH_CODE[258] = 285;
        LENGTH_EXTRA_BITS[258] = 0;
        LENGTH_EXTRA[258] = 0;
        for (int c = 0; c < 30; c++) {
            DIST_EXTRA[c] = c < 4 ? 0 : (c - 2) / 2;
            FIXED_DIST_LENGTHS[c] = 5;
            for (int d = DIST_BASE[c]; d < DIST_BASE[c] + (1 << DIST_EXTRA[c]); d++) {
                if (d <= 256) {
                    DIST_CODE[d - 1] = c;
                } else {
                    DIST_CODE[256 + (d - 1 >> 7)] = c;
                }
            }
        }
        for (int i = 0; i < 288; i++) {
            FIXED_LIT_LENGTHS[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
        }
    }

    private byte[] raw = new byte[BLOCK + 16];
    private int rawLength;
    /** Where the block's matches start, their lengths (3-258) and distances (1-32768); literals between them. */
    private int[] matchAt = new int[(BLOCK + 16) / 3 + 16];
    private int[] matchLength = new int[(BLOCK + 16) / 3 + 16];
    private int[] matchDistance = new int[(BLOCK + 16) / 3 + 16];
    /** The last place of each hash of four bytes in the block. */
    private final int[] hashTable = new int[1 << HASH_BITS];
    private final int[] distanceFreq = new int[30];
    private final int[] distLengths = new int[30];
    private final int[] distCodes = new int[30];
    private final int[] distCodeOf = new int[30];
    private final int[] litFreq = new int[286];
    private final int[] litLengths = new int[286];
    private final int[] litCodes = new int[286];
    /** The bits of each literal (0-255) and each run (256 + its length) under the block's codes, their count << 24. */
    private final int[] codeOf = new int[256 + 259];
    private final Adler32 adler = new Adler32();
    private final CRC32 crc = new CRC32();
    private final byte[] head = new byte[8];
    private final Huffman huffman = new Huffman();

    private byte[] out = new byte[CHUNK + (1 << 12)];
    private int outLength;
    private long bitBuffer;
    private int bitCount;
    private OutputStream sink;
    private int rowBytes;
    private int bpp;

    static PngDeflater get() {
        return INSTANCES.get();
    }

    /**
     * Writes the IDAT chunks of the {@code w} × {@code h} image whose pixels are {@code px} (row after row, no gaps):
     * RGBA bytes when {@code alpha}, RGB otherwise.
     */
    void write(int[] px, int w, int h, boolean alpha, OutputStream sink) throws IOException {
        this.sink = sink;
        int bpp = alpha ? 4 : 3;
        int rowBytes = w * bpp + 1;
        this.rowBytes = rowBytes;
        this.bpp = bpp;
        if (raw.length < BLOCK + rowBytes + 16) {
            raw = new byte[BLOCK + rowBytes + 16];
            matchAt = new int[raw.length / 3 + 16];
            matchLength = new int[raw.length / 3 + 16];
            matchDistance = new int[raw.length / 3 + 16];
        }
        adler.reset();
        outLength = 0;
        bitBuffer = 0;
        bitCount = 0;
        rawLength = 0;
        putByte(0x78); // zlib header: deflate, 32 KiB window, fastest level
        putByte(0x01);
        int mask = alpha ? -1 : 0xFFFFFF;
        for (int y = 0; y < h; y++) {
            if (rawLength > 0 && rawLength + rowBytes > BLOCK) {
                block(false);
            }
            int row = y * w;
            boolean up = false;
            if (y > 0) {
                int sameUp = 0;
                int sameLeft = (px[row] & mask) == 0 ? 1 : 0;
                for (int x = 1; x < w; x++) {
                    int p = px[row + x] & mask;
                    sameLeft += p == (px[row + x - 1] & mask) ? 1 : 0;
                    sameUp += p == (px[row + x - w] & mask) ? 1 : 0;
                }
                sameUp += (px[row] & mask) == (px[row - w] & mask) ? 1 : 0;
                up = sameUp > sameLeft;
            }
            int j = rawLength;
            raw[j++] = (byte) (up ? 2 : 1);
            if (alpha) {
                if (up) {
                    for (int x = 0, i = row; x < w; x++, i++, j += 4) {
                        INT_BE.set(raw, j, Integer.rotateLeft(sub(px[i], px[i - w]), 8));
                    }
                } else {
                    int left = 0;
                    for (int x = 0, i = row; x < w; x++, i++, j += 4) {
                        int p = px[i];
                        INT_BE.set(raw, j, Integer.rotateLeft(sub(p, left), 8));
                        left = p;
                    }
                }
            } else {
                // RGB: four bytes written at every three, the fourth overwritten by the next pixel's
                if (up) {
                    for (int x = 0, i = row; x < w; x++, i++, j += 3) {
                        INT_BE.set(raw, j, sub(px[i], px[i - w]) << 8);
                    }
                } else {
                    int left = 0;
                    for (int x = 0, i = row; x < w; x++, i++, j += 3) {
                        int p = px[i];
                        INT_BE.set(raw, j, sub(p, left) << 8);
                        left = p;
                    }
                }
            }
            rawLength = j;
        }
        block(true);
        flushBits();
        int a = (int) adler.getValue();
        putByte(a >>> 24);
        putByte(a >>> 16);
        putByte(a >>> 8);
        putByte(a);
        idat();
        this.sink = null;
    }

    /** Byte-wise {@code a - b} of four bytes packed in an int. */
    private static int sub(int a, int b) {
        return ((a | H) - (b & ~H)) ^ ((a ^ ~b) & H);
    }

    /** Codes the filtered bytes gathered as one deflate block. */
    private void block(boolean last) throws IOException {
        byte[] r = raw;
        int n = rawLength;
        adler.update(r, 0, n);
        int[] freq = litFreq;
        Arrays.fill(freq, 0);
        int[] distFreq = distanceFreq;
        Arrays.fill(distFreq, 0);
        int[] at = matchAt;
        int[] len = matchLength;
        int[] dist = matchDistance;
        int[] table = hashTable;
        Arrays.fill(table, -1);
        int nr = 0;
        int i = 0;
        int rb = rowBytes;
        boolean four = bpp == 4;
        int rowStart = 0;
        int rowEnd = rb;
        int misses = 0;
        int nextProbe = 0;
        while (i < n) {
            int b = r[i] & 0xFF;
            if (i + 3 < n && r[i + 1] == (byte) b && r[i + 2] == (byte) b && r[i + 3] == (byte) b) {
                // a literal and a run of it (a match at distance 1)
                freq[b]++;
                i++;
                while (true) {
                    int lim = Math.min(n, i + 258);
                    int j = i;
                    long pattern = (b & 0xFFL) * 0x0101010101010101L;
                    while (j + 8 <= lim && (long) LONG.get(r, j) == pattern) {
                        j += 8;
                    }
                    while (j < lim && r[j] == (byte) b) {
                        j++;
                    }
                    int run = j - i;
                    if (run < 3) {
                        break;
                    }
                    freq[LENGTH_CODE[run]]++;
                    distFreq[0]++;
                    at[nr] = i;
                    len[nr] = run;
                    dist[nr++] = 1;
                    i = j;
                }
                continue;
            }
            // a match at the last place these four bytes were (deflate's window is 32 KiB), when long enough to pay
            while (i >= rowEnd) {
                rowStart = rowEnd;
                rowEnd += rb;
            }
            int o = i - rowStart - 1;
            // only where a pixel starts: fewer probes, and fewer places taken by chance repeats
            // and, after misses, at fewer pixels (one more skipped every 8 misses), as LZ4 does: busy stretches
            // seldom repeat, and probing there cost more than all the rest of the coding
            if (i >= nextProbe && (four ? (o & 3) == 0 : o % 3 == 0) && i + 4 <= n) {
                int v = (int) INT_LE.get(r, i);
                int h = v * 0x9E3779B1 >>> 32 - HASH_BITS;
                int c = table[h];
                table[h] = i;
                misses++;
                nextProbe = i + (misses >> 3) * (four ? 4 : 3);
                if (c >= 0 && i - c <= 32768 && (int) INT_LE.get(r, c) == v) {
                    int lim = Math.min(n - i, 258);
                    int m = 4;
                    while (m < lim && r[c + m] == r[i + m]) {
                        m++;
                    }
                    if (m >= MIN_MATCH) {
                        misses = 0;
                        nextProbe = 0;
                        int d = i - c;
                        freq[LENGTH_CODE[m]]++;
                        distFreq[distanceCode(d)]++;
                        at[nr] = i;
                        len[nr] = m;
                        dist[nr++] = d;
                        i += m;
                        continue;
                    }
                }
            }
            freq[b]++;
            i++;
        }
        at[nr] = n; // the literals after the last match
        len[nr] = 0;
        freq[256] = 1;

        // the three ways to code the block, in bits
        huffman.lengths(freq, 286, 15, litLengths);
        int hlit = 286;
        while (hlit > 257 && litLengths[hlit - 1] == 0) {
            hlit--;
        }
        huffman.lengths(distFreq, 30, 15, distLengths);
        int hdist = 30;
        while (hdist > 1 && distLengths[hdist - 1] == 0) {
            hdist--;
        }
        long extraBits = 0;
        for (int c = 265; c < 285; c++) {
            extraBits += freq[c] * ((c - 261) / 4);
        }
        for (int c = 4; c < 30; c++) {
            extraBits += distFreq[c] * DIST_EXTRA[c];
        }
        long fixedBits = 3 + extraBits;
        long dynamicBits = 3 + huffman.header(litLengths, hlit, distLengths, hdist) + extraBits;
        for (int c = 0; c < hlit; c++) {
            dynamicBits += (long) freq[c] * litLengths[c];
        }
        for (int c = 0; c < hdist; c++) {
            dynamicBits += (long) distFreq[c] * distLengths[c];
            fixedBits += 5L * distFreq[c];
        }
        for (int c = 0; c < 286; c++) {
            fixedBits += (long) freq[c] * FIXED_LIT_LENGTHS[c];
        }
        long storedBits = 8L * n + 40L * ((n + 65534) / 65535) + 7;

        ensureOut(2 * n + 1024);
        if (storedBits < dynamicBits && storedBits < fixedBits) {
            for (int from = 0; from < n; from += 65535) {
                int size = Math.min(65535, n - from);
                putBits(last && from + size == n ? 1 : 0, 3);
                flushBits();
                putByte(size);
                putByte(size >>> 8);
                putByte(~size);
                putByte(~size >>> 8);
                System.arraycopy(r, from, out, outLength, size);
                outLength += size;
            }
        } else {
            int[] lengths = litLengths;
            int[] dLengths = distLengths;
            if (fixedBits <= dynamicBits) {
                putBits(last ? 3 : 2, 3); // BTYPE 01
                lengths = FIXED_LIT_LENGTHS;
                dLengths = FIXED_DIST_LENGTHS;
            } else {
                putBits(last ? 5 : 4, 3); // BTYPE 10
                huffman.writeHeader(this);
            }
            canonical(lengths, lengths == FIXED_LIT_LENGTHS ? 288 : 286, litCodes);
            canonical(dLengths, 30, distCodes);
            for (int c = 0; c < 256; c++) {
                codeOf[c] = litCodes[c] | lengths[c] << 24;
            }
            for (int k = 3; k <= 258; k++) {
                int c = LENGTH_CODE[k];
                codeOf[256 + k] = (litCodes[c] | LENGTH_EXTRA[k] << lengths[c]) | (lengths[c] + LENGTH_EXTRA_BITS[k]) << 24;
            }
            for (int c = 0; c < 30; c++) {
                distCodeOf[c] = distCodes[c] | dLengths[c] << 24;
            }
            emit(r, at, len, dist, nr);
            putBits(litCodes[256], lengths[256]);
        }
        rawLength = 0;
        if (outLength >= CHUNK) {
            idat();
        }
    }

    /** Writes the literals and matches of the block: {@code nr} matches at {@code at}, literals between them. */
    private void emit(byte[] r, int[] at, int[] len, int[] dist, int nr) {
        int[] code = codeOf;
        int[] dcode = distCodeOf;
        byte[] o = out;
        int pos = outLength;
        long buffer = bitBuffer;
        int count = bitCount;
        int i = 0;
        for (int k = 0; ; k++) {
            for (int end = at[k]; i < end; i++) {
                int c = code[r[i] & 0xFF];
                buffer |= (long) (c & 0xFFFFFF) << count;
                count += c >>> 24;
                if (count >= 32) {
                    INT_LE.set(o, pos, (int) buffer);
                    pos += 4;
                    buffer >>>= 32;
                    count -= 32;
                }
            }
            if (k == nr) {
                break;
            }
            int c = code[256 + len[k]];
            buffer |= (long) (c & 0xFFFFFF) << count;
            count += c >>> 24;
            int d = dist[k];
            int dc = distanceCode(d);
            int e = dcode[dc];
            int el = e >>> 24;
            // length (up to 20 bits) and distance (up to 28): the buffer holds under 32 before, 80 at most after
            if (count >= 32) {
                INT_LE.set(o, pos, (int) buffer);
                pos += 4;
                buffer >>>= 32;
                count -= 32;
            }
            buffer |= ((long) (e & 0xFFFFFF) | (long) (d - DIST_BASE[dc]) << el) << count;
            count += el + DIST_EXTRA[dc];
            if (count >= 32) {
                INT_LE.set(o, pos, (int) buffer);
                pos += 4;
                buffer >>>= 32;
                count -= 32;
            }
            i += len[k];
        }
        outLength = pos;
        bitBuffer = buffer;
        bitCount = count;
    }

    private static int distanceCode(int d) {
        return d <= 256 ? DIST_CODE[d - 1] : DIST_CODE[256 + (d - 1 >> 7)];
    }

    /** The canonical deflate codes of {@code lengths}, bit-reversed (deflate sends them first bit first). */
    private static void canonical(int[] lengths, int n, int[] codes) {
        int[] count = new int[16];
        for (int i = 0; i < n; i++) {
            count[lengths[i]]++;
        }
        count[0] = 0;
        int[] next = new int[16];
        int code = 0;
        for (int b = 1; b < 16; b++) {
            code = (code + count[b - 1]) << 1;
            next[b] = code;
        }
        for (int i = 0; i < Math.min(n, codes.length); i++) {
            int len = lengths[i];
            if (len != 0) {
                codes[i] = Integer.reverse(next[len]++) >>> (32 - len);
            }
        }
    }

    void putBits(int bits, int n) {
        bitBuffer |= (long) bits << bitCount;
        bitCount += n;
        if (bitCount >= 32) {
            INT_LE.set(out, outLength, (int) bitBuffer);
            outLength += 4;
            bitBuffer >>>= 32;
            bitCount -= 32;
        }
    }

    private void flushBits() {
        while (bitCount > 0) {
            out[outLength++] = (byte) bitBuffer;
            bitBuffer >>>= 8;
            bitCount -= 8;
        }
        bitCount = 0;
        bitBuffer = 0;
    }

    private void putByte(int b) {
        out[outLength++] = (byte) b;
    }

    private void ensureOut(int more) throws IOException {
        if (outLength + more + 16 > out.length) {
            idat();
            if (outLength + more + 16 > out.length) {
                out = Arrays.copyOf(out, outLength + more + 16);
            }
        }
    }

    /** Writes the whole bytes made so far as an IDAT chunk (the bits of an unfinished byte stay). */
    private void idat() throws IOException {
        if (outLength == 0) {
            return;
        }
        PngWriter.int32(head, 0, outLength);
        head[4] = 'I';
        head[5] = 'D';
        head[6] = 'A';
        head[7] = 'T';
        sink.write(head);
        sink.write(out, 0, outLength);
        crc.reset();
        crc.update(head, 4, 4);
        crc.update(out, 0, outLength);
        int c = (int) crc.getValue();
        PngWriter.int32(head, 0, c);
        sink.write(head, 0, 4);
        outLength = 0;
    }

    /** Length-limited Huffman code lengths and the dynamic block header that sends them. */
    static final class Huffman {
        private final long[] sorted = new long[320];
        private final int[] parent = new int[640];
        private final int[] depth = new int[640];
        private final int[] weight = new int[640];
        private final int[] scaled = new int[320];
        /** The code length sequence (lit + dist) as code-length symbols with their extra bits. */
        private final int[] clSymbols = new int[320];
        private final int[] clExtra = new int[320];
        private int clCount;
        private final int[] clFreq = new int[19];
        private final int[] clLengths = new int[19];
        private final int[] clCodes = new int[19];
        private int hlit;
        private int hdist;
        private int hclen;
        private final int[] all = new int[288 + 32];

        /**
         * Sets {@code lengths[0..n)} to the lengths of a Huffman code for {@code freq} no longer than {@code limit}
         * bits; at least two symbols get codes (a complete code, as every inflater takes).
         */
        void lengths(int[] freq, int n, int limit, int[] lengths) {
            int[] f = scaled;
            System.arraycopy(freq, 0, f, 0, n);
            int used = 0;
            for (int i = 0; i < n; i++) {
                used += f[i] > 0 ? 1 : 0;
            }
            if (used < 2) {
                // two symbols of one bit: the used one and another
                Arrays.fill(lengths, 0, n, 0);
                int a = 0;
                while (a < n && f[a] == 0) {
                    a++;
                }
                if (a == n) {
                    a = 0;
                }
                lengths[a] = 1;
                lengths[a == 0 ? 1 : 0] = 1;
                return;
            }
            while (!build(f, n, limit, lengths)) {
                for (int i = 0; i < n; i++) {
                    if (f[i] > 0) {
                        f[i] = (f[i] >> 1) | 1;
                    }
                }
            }
        }

        /** Huffman lengths by the two-queue method over the sorted leaves; false when one exceeds the limit. */
        private boolean build(int[] f, int n, int limit, int[] lengths) {
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (f[i] > 0) {
                    sorted[m++] = (long) f[i] << 10 | i;
                }
            }
            Arrays.sort(sorted, 0, m);
            // nodes 0..m-1 leaves (in sorted order), m.. internal
            for (int k = 0; k < m; k++) {
                weight[k] = (int) (sorted[k] >>> 10);
            }
            int leaf = 0;
            int inner = m;
            int next = m;
            while (next < 2 * m - 1) {
                int a;
                if (leaf < m && (inner >= next || weight[leaf] <= weight[inner])) {
                    a = leaf++;
                } else {
                    a = inner++;
                }
                int b;
                if (leaf < m && (inner >= next || weight[leaf] <= weight[inner])) {
                    b = leaf++;
                } else {
                    b = inner++;
                }
                weight[next] = weight[a] + weight[b];
                parent[a] = next;
                parent[b] = next;
                next++;
            }
            int root = 2 * m - 2;
            depth[root] = 0;
            for (int k = root - 1; k >= 0; k--) {
                depth[k] = depth[parent[k]] + 1;
            }
            Arrays.fill(lengths, 0, n, 0);
            for (int k = 0; k < m; k++) {
                if (depth[k] > limit) {
                    return false;
                }
                lengths[(int) (sorted[k] & 1023)] = depth[k];
            }
            return true;
        }

        /** Prepares the header of a dynamic block for these literal/length code lengths; returns its size in bits. */
        int header(int[] litLengths, int hlit, int[] distLengths, int hdist) {
            this.hlit = hlit;
            this.hdist = hdist;
            System.arraycopy(litLengths, 0, all, 0, hlit);
            System.arraycopy(distLengths, 0, all, hlit, hdist);
            int total = hlit + hdist;
            Arrays.fill(clFreq, 0);
            clCount = 0;
            int i = 0;
            while (i < total) {
                int len = all[i];
                int run = 1;
                while (i + run < total && all[i + run] == len) {
                    run++;
                }
                if (len == 0 && run >= 3) {
                    int r = Math.min(run, 138);
                    if (r >= 11) {
                        add(18, r - 11);
                    } else {
                        add(17, r - 3);
                    }
                    i += r;
                } else if (len != 0 && run >= 4) {
                    add(len, 0);
                    int r = Math.min(run - 1, 6);
                    add(16, r - 3);
                    i += 1 + r;
                } else {
                    add(len, 0);
                    i++;
                }
            }
            lengths(clFreq, 19, 7, clLengths);
            canonical(clLengths, 19, clCodes);
            hclen = 19;
            while (hclen > 4 && clLengths[CODE_LENGTH_ORDER[hclen - 1]] == 0) {
                hclen--;
            }
            int bits = 5 + 5 + 4 + 3 * hclen;
            for (int k = 0; k < clCount; k++) {
                int s = clSymbols[k];
                bits += clLengths[s] + (s == 16 ? 2 : s == 17 ? 3 : s == 18 ? 7 : 0);
            }
            return bits;
        }

        private void add(int symbol, int extra) {
            clSymbols[clCount] = symbol;
            clExtra[clCount++] = extra;
            clFreq[symbol]++;
        }

        /** Writes the header {@link #header} prepared. */
        void writeHeader(PngDeflater d) {
            d.putBits(hlit - 257, 5);
            d.putBits(hdist - 1, 5);
            d.putBits(hclen - 4, 4);
            for (int k = 0; k < hclen; k++) {
                d.putBits(clLengths[CODE_LENGTH_ORDER[k]], 3);
            }
            for (int k = 0; k < clCount; k++) {
                int s = clSymbols[k];
                d.putBits(clCodes[s], clLengths[s]);
                if (s >= 16) {
                    d.putBits(clExtra[k], s == 16 ? 2 : s == 17 ? 3 : 7);
                }
            }
        }
    }
}
