package io.shikong.ingest;

import io.shikong.core.catalog.AttributeDefinition;
import io.shikong.core.catalog.AttributeType;
import io.shikong.core.catalog.GeometryType;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.InvalidCrsException;
import io.shikong.core.error.ShikongException;
import io.shikong.core.feature.Feature;
import io.shikong.core.feature.Values;
import io.shikong.core.store.LoadOptions;
import io.shikong.core.store.LoadResult;
import io.shikong.ingest.read.SourceReader;
import io.shikong.ingest.read.SourceReaders;
import io.shikong.ingest.read.SourceRecord;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Loads one source file into one layer, in two passes so that nothing is written unless the input passed:
 *
 * <ol>
 * <li><b>Validate</b>: each record is read ({@link SourceReaders}), its feature key taken (the
 *     {@code key} field, else the field named like the layer's id attribute; duplicates within the input
 *     rejected), its fields mapped to the layer's attributes ({@link AttributeMapping}) and typed
 *     ({@link Values#convert}, one reject per bad value naming field, value and expected type; required
 *     attributes checked), its geometry transformed from the source CRS (declared &gt; the file's &gt;
 *     refused) to the layer's storage CRS (GCJ-02 and BD-09 through {@link CrsService}), promoted to the
 *     layer's multi type where the store would, checked against the layer's geometry type and for
 *     validity (JTS {@link IsValidOp}; repaired with {@link GeometryFixer} when asked, else rejected).
 *     Good features go to a {@link Spool} file. One reject more than {@code maxRejects} stops the load;
 *     a snapshot load with any reject stops too, since the rejected features would be closed.</li>
 * <li><b>Load</b>: the spooled features stream to the {@link Loader} (the store's merge), which applies
 *     them all or nothing.</li>
 * </ol>
 *
 * Memory stays flat: one record at a time, plus 16 bytes per key for the duplicate check
 * ({@link KeyIndex}). A file that cannot be read on (truncated, wrong encoding), an unknown CRS or a
 * refusal by the store end the load as {@link IngestReport.Status#FAILED} with the reason; nothing is
 * written in any of these cases.
 */
public final class Ingest {

    private static final int PROGRESS_EVERY = 256;
    private static final int UNMAPPED_LISTED = 50;

    private final CrsService crs;
    private final Loader loader;

    /**
     * @param crs    transforms source geometries to the storage CRS
     * @param loader applies the validated features (the store's merge)
     */
    public Ingest(CrsService crs, Loader loader) {
        this.crs = crs;
        this.loader = loader;
    }

    /**
     * Validates the file and, when it passes, loads it.
     *
     * @param file     the source (any format of {@link io.shikong.ingest.read.SourceFormat})
     * @param layer    the target layer's definition (the caller checked it may write it)
     * @param options  how to read, map, validate and load
     * @param progress progress callback, {@link IngestProgress#NONE} for none
     * @return the report; never throws for a bad file, bad records or a refusal by the store
     * @throws IOException when the file system fails (not for malformed content)
     */
    public IngestReport run(Path file, LayerDefinition layer, IngestOptions options, IngestProgress progress)
            throws IOException {
        Run run = new Run(file.getFileName().toString(), layer, options);
        if (!layer.writable() || layer.published()) {
            return run.failed("图层 " + layer.name() + " 不可写 / layer " + layer.name() + " is not writable");
        }
        try (SourceReader reader = new ReadAhead(SourceReaders.open(file, options.read()))) {
            run.source = sourceCrs(reader, options);
            Crs target = crs.resolve("EPSG:" + layer.srid());
            run.targets = options.mapping() == null ? Map.of() : options.mapping().targets(layer);
            try (Spool spool = new Spool(options.spoolDirectory(), layer.attributes())) {
                while (reader.hasNext()) {
                    SourceRecord r = reader.next();
                    run.read++;
                    run.validate(r, target, spool);
                    if (run.rejected > options.maxRejects()) {
                        return run.stopped("拒绝数超过上限 " + options.maxRejects() + " / more than " + options.maxRejects()
                                + " records rejected (raise the limit with --max-rejects)");
                    }
                    if (run.read % PROGRESS_EVERY == 0) {
                        progress.update(IngestProgress.Phase.VALIDATE, run.read, reader.bytesRead(), reader.totalBytes());
                    }
                }
                progress.update(IngestProgress.Phase.VALIDATE, run.read, reader.bytesRead(), reader.totalBytes());
                if (options.snapshot() && run.rejected > 0) {
                    return run.stopped("快照载入不能有被拒绝的记录：它们对应的要素会被关闭 / a snapshot load cannot leave "
                            + "records out: their features would be closed");
                }
                if (options.snapshot() && spool.count() == 0) {
                    return run.failed("空输入的快照载入会关闭图层的全部要素 / a snapshot load of an empty input would "
                            + "close every feature of the layer");
                }
                long total = spool.count();
                Iterator<Feature> spooled = spool.read();
                Iterator<Feature> counted = new Iterator<>() {
                    private long done;

                    @Override
                    public boolean hasNext() {
                        return spooled.hasNext();
                    }

                    @Override
                    public Feature next() {
                        Feature f = spooled.next();
                        if (++done % PROGRESS_EVERY == 0 || done == total) {
                            progress.update(IngestProgress.Phase.LOAD, done, done, total);
                        }
                        return f;
                    }
                };
                LoadResult counts = loader.load(layer, counted,
                        new LoadOptions(options.snapshot(), options.validFrom(), options.dryRun()));
                return run.report(options.dryRun() ? IngestReport.Status.DRY_RUN : IngestReport.Status.LOADED,
                        counts, null);
            }
        } catch (ShikongException e) {
            return run.failed(e.getMessage());
        }
    }

    private Crs sourceCrs(SourceReader reader, IngestOptions options) {
        if (options.crs() != null) {
            return crs.resolve(options.crs());
        }
        String declared = reader.crs().orElseThrow(() -> new InvalidCrsException("crs",
                "文件未声明坐标系，请用 --crs 声明 / " + reader.source() + " declares no CRS; declare it with --crs", null));
        try {
            return crs.resolve(declared);
        } catch (InvalidCrsException e) {
            throw new InvalidCrsException("crs", "文件的坐标系 " + declared + " 不受支持，可用 --crs 声明 / the CRS of "
                    + reader.source() + " (" + declared + ") is not supported: " + e.getMessage(), e);
        }
    }

    /** The state of one load: counts, rejects, and the per-record checks. */
    private final class Run {
        private final String file;
        private final LayerDefinition layer;
        private final IngestOptions options;
        private final String keyField;
        private final KeyIndex keys = new KeyIndex();
        private final List<Reject> rejects = new ArrayList<>();
        private final Set<String> unmapped = new LinkedHashSet<>();
        private final GeometryFactory gf = new GeometryFactory();
        private final Object[] values;
        private Layout last;
        private Crs source;
        private Map<String, String> targets = Map.of();
        private Map<String, String> sourceOf;
        private long read;
        private long rejected;

        Run(String file, LayerDefinition layer, IngestOptions options) {
            this.file = file;
            this.layer = layer;
            this.options = options;
            this.keyField = options.key() != null ? options.key() : layer.idAttribute();
            this.values = new Object[layer.attributes().size()];
        }

        IngestReport report(IngestReport.Status status, LoadResult counts, String reason) {
            return new IngestReport(file, layer.name(), status, source == null ? null : source.code(), read, rejected,
                    counts, rejects, List.copyOf(unmapped), reason);
        }

        IngestReport failed(String reason) {
            return report(IngestReport.Status.FAILED, IngestReport.NOTHING, reason);
        }

        IngestReport stopped(String reason) {
            return report(IngestReport.Status.STOPPED, IngestReport.NOTHING, reason);
        }

        private void reject(SourceRecord r, String field, String reason) {
            if (rejects.size() < options.reportLimit()) {
                rejects.add(new Reject(file, r.location(), field, reason));
            }
        }

        /**
         * Validates a record; when it passes, writes it to the spool and returns true (the rejects recorded
         * otherwise).
         */
        boolean validate(SourceRecord r, Crs target, Spool spool) throws IOException {
            boolean bad = false;
            if (r.problem() != null) {
                reject(r, r.problemField(), r.problem());
                rejected++;
                return false;
            }
            Map<String, Object> properties = r.properties();
            Layout l = layout(properties);
            // key
            String key = l.keySource == null ? null : keyText(properties.get(l.keySource));
            if (l.keySource == null) {
                reject(r, keyField, "记录没有键字段 '" + keyField + "'（用 --key 指定）/ the record has no key field '"
                        + keyField + "' (name the key field with --key)");
                bad = true;
            } else if (key == null) {
                reject(r, l.keySource, "要素键为空 / the feature key is empty");
                bad = true;
            } else {
                long first = keys.add(key, r.index());
                if (first >= 0) {
                    reject(r, l.keySource, "要素键 '" + key + "' 重复，与第 " + (first + 1) + " 条记录相同 / duplicate key '"
                            + key + "', the same as record #" + (first + 1) + " of the file");
                    bad = true;
                }
            }
            // attributes, in the layer's order
            List<AttributeDefinition> attributes = layer.attributes();
            for (int i = 0; i < attributes.size(); i++) {
                AttributeDefinition a = attributes.get(i);
                String field = l.fields[i];
                Object raw = field == null ? null : properties.get(field);
                Object value = null;
                try {
                    value = Values.convert(normalize(raw, a.type()), a.type(), a.name());
                } catch (ShikongException e) {
                    reject(r, field, "'" + raw + "' 不是有效的 " + a.type().name().toLowerCase(Locale.ROOT) + " 值（属性 "
                            + a.name() + "）/ '" + raw + "' is not a valid value of attribute " + a.name() + ", expected "
                            + a.type().name().toLowerCase(Locale.ROOT));
                    bad = true;
                    values[i] = null;
                    continue;
                }
                if (value == null && !a.nullable()) {
                    reject(r, field == null ? a.name() : field, "必填属性 " + a.name() + " 为空 / required attribute "
                            + a.name() + " is empty");
                    bad = true;
                }
                values[i] = value;
            }
            // geometry
            Geometry g = geometry(r, target);
            if (g == null || bad) {
                rejected++;
                return false;
            }
            spool.write(key, g, values);
            return true;
        }

        /**
         * Where a record's key and attributes are among its fields. Records of one file mostly have the same
         * fields in the same order, so the answer of the previous record is kept and only checked.
         */
        private Layout layout(Map<String, Object> properties) {
            if (last != null && last.matches(properties)) {
                return last;
            }
            Map<String, String> fields = new HashMap<>();
            for (String name : properties.keySet()) {
                fields.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            }
            Set<String> used = new java.util.HashSet<>();
            String keySource = fields.get(keyField.toLowerCase(Locale.ROOT));
            if (keySource != null) {
                used.add(keySource);
            }
            String[] sources = new String[layer.attributes().size()];
            for (int i = 0; i < sources.length; i++) {
                sources[i] = sourceField(layer.attributes().get(i), fields);
                if (sources[i] != null) {
                    used.add(sources[i]);
                }
            }
            if (unmapped.size() < UNMAPPED_LISTED) {
                for (String name : properties.keySet()) {
                    if (!used.contains(name)) {
                        unmapped.add(name);
                    }
                }
            }
            last = new Layout(properties.keySet().toArray(new String[0]), keySource, sources);
            return last;
        }

        private String sourceField(AttributeDefinition a, Map<String, String> fields) {
            if (!targets.isEmpty()) {
                if (sourceOf == null) {
                    sourceOf = new HashMap<>();
                    targets.forEach((s, t) -> sourceOf.put(t, s));
                }
                String s = sourceOf.get(a.name());
                return s == null ? null : fields.getOrDefault(s.toLowerCase(Locale.ROOT), s);
            }
            return fields.get(a.name().toLowerCase(Locale.ROOT));
        }

        /** The geometry in the storage CRS, valid and of the layer's type, or {@code null} (rejected). */
        private Geometry geometry(SourceRecord r, Crs target) {
            Geometry g = r.geometry();
            if (g == null || g.isEmpty()) {
                reject(r, "geometry", "没有几何 / no geometry");
                return null;
            }
            if (!source.equals(target)) {
                try {
                    g = crs.transform(g, source, target);
                } catch (ShikongException e) {
                    reject(r, "geometry", "无法从 " + source.code() + " 转换到 " + target.code() + " / cannot transform from "
                            + source.code() + " to " + target.code() + ": " + e.getMessage());
                    return null;
                }
            }
            g = promote(g, layer.geometryType());
            if (!layer.geometryType().accepts(g)) {
                reject(r, "geometry", "几何类型 " + g.getGeometryType() + " 不符合图层的 " + layer.geometryType().label()
                        + " / geometry type " + g.getGeometryType() + " does not fit the layer's "
                        + layer.geometryType().label());
                return null;
            }
            IsValidOp op = new IsValidOp(g);
            if (!op.isValid()) {
                TopologyValidationError err = op.getValidationError();
                String what = err.getMessage() + " at " + err.getCoordinate();
                if (!options.repair()) {
                    reject(r, "geometry", "几何无效：" + what + "（可用 --repair 修复）/ invalid geometry: " + what
                            + " (repair with --repair)");
                    return null;
                }
                Geometry fixed = promote(GeometryFixer.fix(g), layer.geometryType());
                if (fixed.isEmpty() || !layer.geometryType().accepts(fixed) || !fixed.isValid()) {
                    reject(r, "geometry", "几何无效且无法修复为 " + layer.geometryType().label() + "：" + what
                            + " / invalid geometry that does not repair to a " + layer.geometryType().label() + ": " + what);
                    return null;
                }
                g = fixed;
            }
            return g;
        }

        private Geometry promote(Geometry g, GeometryType type) {
            return switch (type) {
                case MULTIPOLYGON -> g instanceof Polygon p ? gf.createMultiPolygon(new Polygon[] {p}) : g;
                case MULTILINESTRING -> g instanceof LineString l ? gf.createMultiLineString(new LineString[] {l}) : g;
                case MULTIPOINT -> g instanceof Point p ? gf.createMultiPoint(new Point[] {p}) : g;
                case POLYGON -> g instanceof MultiPolygon m && m.getNumGeometries() == 1 ? m.getGeometryN(0) : g;
                case LINESTRING -> g instanceof MultiLineString m && m.getNumGeometries() == 1 ? m.getGeometryN(0) : g;
                case POINT -> g instanceof MultiPoint m && m.getNumGeometries() == 1 ? m.getGeometryN(0) : g;
                default -> g;
            };
        }
    }

    /**
     * The fields of records with the same field names in the same order: the key's source field and each
     * attribute's (by the layer's attribute order), {@code null} where the record has none.
     */
    private record Layout(String[] names, String keySource, String[] fields) {

        boolean matches(Map<String, Object> properties) {
            if (properties.size() != names.length) {
                return false;
            }
            int i = 0;
            for (String name : properties.keySet()) {
                if (!name.equals(names[i++])) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A key value as text: integral numbers without a fraction, strings trimmed; blank = none. */
    static String keyText(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
            BigDecimal d = new BigDecimal(v.toString()).stripTrailingZeros();
            return d.scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString();
        }
        String s = v.toString().strip();
        return s.isEmpty() ? null : s;
    }

    /** Spreadsheet and DBF spellings of booleans; blank strings as absent. */
    private static Object normalize(Object raw, AttributeType type) {
        if (raw instanceof String s) {
            String t = s.strip();
            if (t.isEmpty()) {
                return null;
            }
            if (type == AttributeType.BOOLEAN) {
                switch (t.toLowerCase(Locale.ROOT)) {
                    case "t", "y", "yes", "是", "真": return Boolean.TRUE;
                    case "f", "n", "no", "否", "假": return Boolean.FALSE;
                    default: return t;
                }
            }
            return type == AttributeType.STRING ? s : t;
        }
        return raw;
    }
}
