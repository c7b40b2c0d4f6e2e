package io.shikong.ingest.read;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * Streams the rows of a CSV file with a header row (Apache Commons CSV: RFC 4180 quoting, quoted line
 * breaks). The geometry is a WKT column or a longitude/latitude pair; the columns are named in
 * {@link ReadOptions} or found among common names ({@code wkt geometry geom the_geom}; {@code lon lng
 * long longitude x 经度}; {@code lat latitude y 纬度}), case-insensitively. The delimiter is the one of
 * comma, semicolon and tab that the header line has most of.
 *
 * <p>Encoding: declared, else detected on the first 64 KiB ({@link TextEncoding#detect}). A value holding
 * U+FFFD means the declared or detected encoding is wrong (typically a GBK file read as UTF-8): a
 * {@link SourceReadException} naming line and field and suggesting {@code --encoding GBK}. Empty values
 * are {@code null}. A WKT that does not parse or a coordinate that is not a number makes a record with a
 * problem, rejected by the pipeline. A CSV declares no CRS.
 */
public final class CsvSourceReader extends AbstractSourceReader {

    private static final int SAMPLE = 1 << 16;
    private static final List<String> WKT_NAMES = List.of("wkt", "geometry", "geom", "the_geom", "shape");
    private static final List<String> LON_NAMES = List.of("lon", "lng", "long", "longitude", "x", "经度");
    private static final List<String> LAT_NAMES = List.of("lat", "latitude", "y", "纬度");

    private final Charset charset;
    private final CSVParser parser;
    private final Iterator<CSVRecord> rows;
    private final List<String> header;
    private final int wkt;
    private final int lon;
    private final int lat;
    private final GeometryFactory gf = new GeometryFactory();
    private final WKTReader wktReader = new WKTReader(gf);
    private long index;

    public CsvSourceReader(Path file, ReadOptions options) throws IOException {
        this(file, options, sample(file));
    }

    private CsvSourceReader(Path file, ReadOptions options, byte[] sample) throws IOException {
        super(file.getFileName().toString(), Files.size(file), new CountingInputStream(Files.newInputStream(file)));
        int n = sample.length;
        this.charset = options.charset() != null ? options.charset() : TextEncoding.detect(sample, n);
        char delimiter = delimiter(new String(sample, 0, n, charset));
        InputStream in = new BufferedInputStream(counting, SAMPLE);
        if (TextEncoding.hasUtf8Bom(sample, n) && charset.name().equals("UTF-8")) {
            in.skipNBytes(3);
        }
        Reader reader = new InputStreamReader(in, charset);
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setAllowMissingColumnNames(true).setTrim(true).get();
        this.parser = CSVParser.parse(reader, format);
        this.header = new ArrayList<>(parser.getHeaderNames());
        for (int i = 0; i < header.size(); i++) {
            if (TextEncoding.hasReplacement(header.get(i))) {
                close();
                throw TextEncoding.wrongEncoding(source, "line 1", header.get(i), charset);
            }
        }
        int w;
        int lo;
        int la;
        try {
            w = column(options.wktColumn(), WKT_NAMES);
            lo = column(options.lonColumn(), LON_NAMES);
            la = column(options.latColumn(), LAT_NAMES);
        } catch (SourceReadException e) {
            close();
            throw e;
        }
        this.wkt = w;
        if (wkt < 0 && (lo < 0 || la < 0)) {
            close();
            throw new SourceReadException(source, "line 1", "找不到几何列：需要 WKT 列或经度/纬度列（可用 --wkt-column 或 "
                    + "--lon-column/--lat-column 指定）/ no geometry column: a WKT column or longitude/latitude columns "
                    + "are needed (name them with --wkt-column or --lon-column/--lat-column); header: " + header);
        }
        this.lon = wkt >= 0 ? -1 : lo;
        this.lat = wkt >= 0 ? -1 : la;
        this.rows = parser.iterator();
    }

    /** The encoding the file is read in (declared or detected). */
    public Charset charset() {
        return charset;
    }

    /** The first {@value #SAMPLE} bytes of the file (fewer when it is shorter). */
    private static byte[] sample(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(SAMPLE);
        }
    }

    private static char delimiter(String sample) {
        int end = sample.indexOf('\n');
        String line = end < 0 ? sample : sample.substring(0, end);
        char best = ',';
        long bestCount = line.chars().filter(c -> c == ',').count();
        for (char c : new char[] {';', '\t'}) {
            long count = line.chars().filter(x -> x == c).count();
            if (count > bestCount) {
                best = c;
                bestCount = count;
            }
        }
        return best;
    }

    private int column(String declared, List<String> candidates) {
        if (declared != null) {
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).equalsIgnoreCase(declared.strip())) {
                    return i;
                }
            }
            throw new SourceReadException(source, "line 1", "没有列 '" + declared + "' / no column '" + declared
                    + "'; header: " + header);
        }
        for (String c : candidates) {
            for (int i = 0; i < header.size(); i++) {
                String h = header.get(i).strip().toLowerCase(Locale.ROOT);
                if (h.startsWith("\uFEFF")) {
                    h = h.substring(1);
                }
                if (h.equals(c)) {
                    return i;
                }
            }
        }
        return -1;
    }

    @Override
    public SourceFormat format() {
        return SourceFormat.CSV;
    }

    @Override
    public Optional<String> crs() {
        return Optional.empty();
    }

    @Override
    public boolean hasNext() {
        try {
            return rows.hasNext();
        } catch (UncheckedIOException e) {
            throw new SourceReadException(source, "line " + parser.getCurrentLineNumber(),
                    "CSV 无法解析 malformed CSV: " + e.getCause().getMessage(), e);
        }
    }

    @Override
    public SourceRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        CSVRecord row = rows.next();
        String location = "line " + parser.getCurrentLineNumber();
        Map<String, Object> props = new LinkedHashMap<>();
        String problem = null;
        String problemField = null;
        for (int i = 0; i < header.size(); i++) {
            String v = i < row.size() ? row.get(i) : null;
            if (TextEncoding.hasReplacement(v)) {
                throw TextEncoding.wrongEncoding(source, location, header.get(i), charset);
            }
            if (i != wkt && i != lon && i != lat) {
                props.put(name(i), v == null || v.isEmpty() ? null : v);
            }
        }
        Geometry g = null;
        if (wkt >= 0) {
            String text = wkt < row.size() ? row.get(wkt) : "";
            if (!text.isEmpty()) {
                try {
                    g = wktReader.read(text);
                } catch (ParseException | IllegalArgumentException e) {
                    problem = "WKT 无法解析 malformed WKT: " + e.getMessage();
                    problemField = header.get(wkt);
                }
            }
        } else {
            String x = lon < row.size() ? row.get(lon) : "";
            String y = lat < row.size() ? row.get(lat) : "";
            if (!x.isEmpty() || !y.isEmpty()) {
                try {
                    g = gf.createPoint(new Coordinate(Double.parseDouble(x), Double.parseDouble(y)));
                } catch (NumberFormatException e) {
                    problem = "坐标不是数字 coordinate is not a number: '" + x + "', '" + y + "'";
                    problemField = header.get(lon) + "/" + header.get(lat);
                }
            }
        }
        return new SourceRecord(index++, location, props, g, problem, problemField);
    }

    private String name(int i) {
        String h = header.get(i);
        return h.startsWith("\uFEFF") ? h.substring(1) : h;
    }

    @Override
    public void close() {
        closeUnchecked(parser);
    }
}
