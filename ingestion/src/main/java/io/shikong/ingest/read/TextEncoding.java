package io.shikong.ingest.read;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Text encodings of source files: UTF-8 or GBK (GB 18030's common subset, what Chinese spreadsheets and
 * DBFs write). Detection: a UTF-8 byte-order mark; else strict UTF-8 decoding of a sample (a sequence
 * cut at the end of the sample is allowed); GBK when that fails. Pure ASCII is UTF-8.
 */
public final class TextEncoding {

    /** GBK, as Java names it. */
    public static final Charset GBK = Charset.forName("GBK");

    private TextEncoding() {
    }

    /** Whether the bytes start with the UTF-8 byte-order mark. */
    public static boolean hasUtf8Bom(byte[] sample, int length) {
        return length >= 3 && (sample[0] & 0xFF) == 0xEF && (sample[1] & 0xFF) == 0xBB && (sample[2] & 0xFF) == 0xBF;
    }

    /** The encoding of a sample of a file: UTF-8 when it has a BOM or decodes strictly, else GBK. */
    public static Charset detect(byte[] sample, int length) {
        if (hasUtf8Bom(sample, length)) {
            return StandardCharsets.UTF_8;
        }
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(sample, 0, length);
        CharBuffer out = CharBuffer.allocate(length + 1);
        CoderResult r = d.decode(in, out, false);
        // underflow with bytes left = a sequence cut by the end of the sample: still UTF-8
        return r.isError() ? GBK : StandardCharsets.UTF_8;
    }

    /**
     * A charset from a user's or a {@code .cpg} file's name: {@code UTF-8}, {@code UTF8}, {@code GBK},
     * {@code GB2312}, {@code GB18030}, {@code CP936}, {@code 936}, any Java charset name.
     *
     * @throws IllegalArgumentException naming the value when it is unknown
     */
    public static Charset parse(String name) {
        String n = name.strip().toUpperCase(Locale.ROOT);
        switch (n) {
            case "UTF8", "UTF-8", "65001": return StandardCharsets.UTF_8;
            case "GBK", "CP936", "936", "GB2312", "ANSI 936", "MS936": return GBK;
            default:
                try {
                    return Charset.forName(n);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("未知的字符编码 unknown encoding '" + name
                            + "' (use UTF-8 or GBK)", e);
                }
        }
    }

    /** Whether a decoded text holds U+FFFD, the mark of bytes that were not valid in the declared encoding. */
    public static boolean hasReplacement(String s) {
        return s != null && s.indexOf('\uFFFD') >= 0;
    }

    /** The error for text in another encoding than the one declared (typically GBK read as UTF-8). */
    public static SourceReadException wrongEncoding(String source, String location, String field, Charset declared) {
        String suggestion = declared.equals(StandardCharsets.UTF_8) ? "GBK" : "UTF-8";
        return new SourceReadException(source, location,
                "字段 '" + field + "' 含无法按 " + declared.name() + " 解码的字节，文件可能是 " + suggestion
                        + " 编码，请使用 --encoding " + suggestion + " / field '" + field + "' has bytes that are not valid "
                        + declared.name() + ": the file is probably " + suggestion + "; declare it with --encoding "
                        + suggestion);
    }
}
