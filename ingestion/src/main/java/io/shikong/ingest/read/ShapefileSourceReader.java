package io.shikong.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.h2.value.Value;
import org.h2.value.ValueGeometry;
import org.h2.value.ValueNull;
import org.h2gis.functions.io.dbf.internal.DbaseFileHeader;
import org.h2gis.functions.io.shp.internal.SHPDriver;
import org.locationtech.jts.geom.Geometry;

/**
 * Reads an ESRI Shapefile with H2GIS's file drivers ({@link SHPDriver}: the {@code .shp} through its
 * {@code .shx} index, the {@code .dbf} in a given encoding), row by row; a {@code .zip} holding one
 * Shapefile is unpacked to a temporary folder first (deleted on close).
 *
 * <p>The {@code .shx} is required (H2GIS locates records through it): without it, a
 * {@link SourceReadException} says so and how to rebuild it. DBF encoding: declared, else the
 * {@code .cpg} file, else detected on the records ({@link TextEncoding#detect}: GBK when they are not
 * UTF-8); a text value holding U+FFFD is a {@link SourceReadException} suggesting the other encoding.
 * CRS: the {@code .prj} through {@link PrjCrs}; a {@code .prj} that cannot be identified is refused
 * when {@link #crs()} is asked (the caller asks only when no CRS is declared); no {@code .prj}, no CRS.
 */
public final class ShapefileSourceReader implements SourceReader {

    private static final int SAMPLE = 1 << 16;

    private final String source;
    private final Path unpacked;
    private final SHPDriver driver;
    private final Charset charset;
    private final String prj;
    private final long rowCount;
    private final long total;
    private final List<String> names = new ArrayList<>();
    private final List<Boolean> text = new ArrayList<>();
    private final int geometryIndex;
    private long row;

    public ShapefileSourceReader(Path file, ReadOptions options) throws IOException {
        this.source = file.getFileName().toString();
        Path shp = file;
        Path tmp = null;
        if (source.toLowerCase(Locale.ROOT).endsWith(".zip")) {
            tmp = Files.createTempDirectory("shikong-shp");
            try {
                shp = unzip(file, tmp);
            } catch (IOException | RuntimeException e) {
                delete(tmp);
                throw e;
            }
        }
        this.unpacked = tmp;
        try {
            Path shx = companion(shp, "shx");
            Path dbf = companion(shp, "dbf");
            if (shx == null) {
                throw new SourceReadException(source, null, "缺少 .shx 索引文件（" + base(shp) + ".shx）；请一并提供，或用 "
                        + "ogr2ogr --config SHAPE_RESTORE_SHX YES 重建 / the .shx index (" + base(shp) + ".shx) is missing: "
                        + "supply it with the .shp, or rebuild it with ogr2ogr --config SHAPE_RESTORE_SHX YES");
            }
            if (dbf == null) {
                throw new SourceReadException(source, null, "缺少 .dbf 属性表 / the .dbf attribute table ("
                        + base(shp) + ".dbf) is missing");
            }
            Path cpg = companion(shp, "cpg");
            Path prjFile = companion(shp, "prj");
            this.prj = prjFile == null ? null : Files.readString(prjFile, StandardCharsets.ISO_8859_1).strip();
            if (options.charset() != null) {
                this.charset = options.charset();
            } else if (cpg != null && !Files.readString(cpg, StandardCharsets.ISO_8859_1).isBlank()) {
                this.charset = TextEncoding.parse(Files.readString(cpg, StandardCharsets.ISO_8859_1));
            } else {
                this.charset = detect(dbf);
            }
            this.driver = new SHPDriver();
            try {
                driver.initDriverFromFile(shp.toFile(), charset.name());
            } catch (IOException | RuntimeException e) {
                throw new SourceReadException(source, null, "无法读取 Shapefile / cannot read the Shapefile: "
                        + e.getMessage(), e);
            }
            this.rowCount = driver.getRowCount();
            this.total = Files.size(shp) + Files.size(dbf);
            this.geometryIndex = driver.getGeometryFieldIndex();
            DbaseFileHeader h = driver.getDbaseFileHeader();
            for (int c = 0, f = 0; c < driver.getFieldCount(); c++) {
                text.add(c != geometryIndex && h.getFieldType(f) == 'C');
                names.add(c == geometryIndex ? null : h.getFieldName(f++));
            }
        } catch (IOException | RuntimeException e) {
            if (tmp != null) {
                delete(tmp);
            }
            throw e;
        }
    }

    /** The DBF encoding the file is read in. */
    public Charset charset() {
        return charset;
    }

    private static String base(Path shp) {
        String n = shp.getFileName().toString();
        return n.substring(0, n.length() - 4);
    }

    /** The companion file with that extension, in any letter case, or {@code null}. */
    private static Path companion(Path shp, String ext) throws IOException {
        String b = base(shp);
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(shp.toAbsolutePath().getParent())) {
            for (Path p : dir) {
                String n = p.getFileName().toString();
                if (n.length() == b.length() + 4 && n.regionMatches(true, 0, b + "." + ext, 0, n.length())) {
                    return p;
                }
            }
        }
        return null;
    }

    private Path unzip(Path zip, Path dir) throws IOException {
        List<Path> shps = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.isDirectory()) {
                    continue;
                }
                String name = Path.of(e.getName().replace('\\', '/')).getFileName().toString();
                if (name.startsWith(".") || e.getName().contains("__MACOSX")) {
                    continue;
                }
                Path target = dir.resolve(name);
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                if (name.toLowerCase(Locale.ROOT).endsWith(".shp")) {
                    shps.add(target);
                }
            }
        }
        if (shps.size() != 1) {
            throw new SourceReadException(source, null, "ZIP 中应恰有一个 .shp，实有 " + shps.size()
                    + " 个 / the ZIP must hold exactly one .shp, it holds " + shps.size() + ": "
                    + shps.stream().map(p -> p.getFileName().toString()).toList());
        }
        return shps.get(0);
    }

    /** UTF-8 when the records' bytes decode strictly, else GBK. */
    private static Charset detect(Path dbf) throws IOException {
        try (InputStream in = Files.newInputStream(dbf)) {
            byte[] head = in.readNBytes(32);
            if (head.length < 32) {
                return StandardCharsets.UTF_8;
            }
            int headerLength = ByteBuffer.wrap(head, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFF;
            in.skipNBytes(Math.max(0, headerLength - 32));
            byte[] sample = in.readNBytes(SAMPLE);
            return TextEncoding.detect(sample, sample.length);
        }
    }

    @Override
    public SourceFormat format() {
        return SourceFormat.SHAPEFILE;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public Optional<String> crs() {
        if (prj == null || prj.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(PrjCrs.identify(prj).orElseThrow(() -> new SourceReadException(source, ".prj",
                "无法识别 .prj 中的坐标系，请用 --crs 声明 / the CRS in the .prj cannot be identified; declare it with --crs: "
                        + (prj.length() > 200 ? prj.substring(0, 200) + "..." : prj))));
    }

    @Override
    public long bytesRead() {
        return rowCount == 0 ? total : (long) (total * ((double) row / rowCount));
    }

    @Override
    public long totalBytes() {
        return total;
    }

    @Override
    public boolean hasNext() {
        return row < rowCount;
    }

    @Override
    public SourceRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        long r = row++;
        String location = "record " + (r + 1);
        Map<String, Object> props = new LinkedHashMap<>();
        Geometry g = null;
        try {
            for (int c = 0; c < names.size(); c++) {
                Value v;
                try {
                    v = driver.getField(r, c);
                } catch (IndexOutOfBoundsException e) {
                    // H2GIS decodes fixed-width text fields: in the wrong charset the decoded length differs
                    if (c != geometryIndex && text.get(c)) {
                        throw TextEncoding.wrongEncoding(source, location, names.get(c), charset);
                    }
                    throw e;
                }
                if (c == geometryIndex) {
                    g = v instanceof ValueGeometry vg ? vg.getGeometry() : null;
                    continue;
                }
                Object o = value(v);
                if (o instanceof String s && TextEncoding.hasReplacement(s)) {
                    throw TextEncoding.wrongEncoding(source, location, names.get(c), charset);
                }
                props.put(names.get(c), o);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof SourceReadException s) {
                throw s;
            }
            return new SourceRecord(r, location, props, null, "记录无法读取 unreadable record: "
                    + e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        }
        return SourceRecord.of(r, location, props, g);
    }

    private static Object value(Value v) {
        if (v == null || v == ValueNull.INSTANCE) {
            return null;
        }
        return switch (v.getValueType()) {
            case Value.BOOLEAN -> v.getBoolean();
            case Value.TINYINT, Value.SMALLINT, Value.INTEGER, Value.BIGINT -> v.getLong();
            case Value.REAL, Value.DOUBLE, Value.NUMERIC, Value.DECFLOAT -> v.getDouble();
            default -> {
                String s = v.getString();
                yield s == null || s.isBlank() ? null : s.strip();
            }
        };
    }

    @Override
    public void close() {
        try {
            driver.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (unpacked != null) {
                delete(unpacked);
            }
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary folder
        }
    }
}
