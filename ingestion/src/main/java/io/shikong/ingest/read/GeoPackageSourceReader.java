package io.shikong.ingest.read;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.features.user.FeatureResultSet;
import mil.nga.geopackage.features.user.FeatureRow;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.geopackage.srs.SpatialReferenceSystem;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * Streams one feature table of a GeoPackage (NGA's geopackage library over sqlite-jdbc, a cursor over
 * the rows). Geometries go from the GeoPackage blob's WKB to JTS; the CRS is the table's
 * {@code gpkg_spatial_ref_sys} entry ({@code EPSG:n} when its organization is EPSG; undefined systems
 * give no CRS). Every column but the geometry becomes a property, the primary key included (so it can
 * serve as {@code --key}).
 */
public final class GeoPackageSourceReader implements SourceReader {

    private final String source;
    private final long total;
    private final GeoPackage gpkg;
    private final FeatureResultSet rows;
    private final String crs;
    private final int count;
    private final WKBReader wkb = new WKBReader();
    private long index;
    private Boolean ahead;

    public GeoPackageSourceReader(Path file, ReadOptions options) throws IOException {
        this.source = file.getFileName().toString();
        this.total = Files.size(file);
        try {
            this.gpkg = GeoPackageManager.open(file.toFile(), false);
        } catch (RuntimeException e) {
            throw new SourceReadException(source, null, "无法打开 GeoPackage / cannot open the GeoPackage: "
                    + e.getMessage(), e);
        }
        try {
            List<String> tables = gpkg.getFeatureTables();
            String table = options.table();
            if (table == null) {
                if (tables.size() != 1) {
                    throw new SourceReadException(source, null, "GeoPackage 有 " + tables.size()
                            + " 个要素表，请用 --table 指定 / the GeoPackage has " + tables.size()
                            + " feature tables; name one with --table: " + tables);
                }
                table = tables.get(0);
            } else if (!tables.contains(table)) {
                throw new SourceReadException(source, null, "没有要素表 '" + table + "' / no feature table '" + table
                        + "'; tables: " + tables);
            }
            FeatureDao dao = gpkg.getFeatureDao(table);
            this.crs = crsOf(dao.getSrs());
            // NGA's queryForAll counts by rewriting the SELECT, which breaks on a column name holding
            // "from" (valid_from); the table is read with a plain statement instead.
            this.count = dao.count();
            Statement st = gpkg.getConnection().getConnection().createStatement();
            this.rows = new FeatureResultSet(dao.getTable(),
                    st.executeQuery("SELECT * FROM \"" + table.replace("\"", "\"\"") + "\""), count);
        } catch (SQLException e) {
            gpkg.close();
            throw new SourceReadException(source, null, "无法读取 GeoPackage / cannot read the GeoPackage: "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            gpkg.close();
            throw e;
        }
    }

    private static String crsOf(SpatialReferenceSystem srs) {
        if (srs == null) {
            return null;
        }
        String org = srs.getOrganization() == null ? "" : srs.getOrganization().toUpperCase(Locale.ROOT);
        long code = srs.getOrganizationCoordsysId();
        if (org.equals("EPSG") && code > 0) {
            return "EPSG:" + code;
        }
        return null;
    }

    @Override
    public SourceFormat format() {
        return SourceFormat.GEOPACKAGE;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public Optional<String> crs() {
        return Optional.ofNullable(crs);
    }

    @Override
    public long bytesRead() {
        return count <= 0 ? 0 : (long) (total * Math.min(1.0, (double) index / count));
    }

    @Override
    public long totalBytes() {
        return total;
    }

    @Override
    public boolean hasNext() {
        if (ahead == null) {
            ahead = rows.moveToNext();
        }
        return ahead;
    }

    @Override
    public SourceRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ahead = null;
        FeatureRow row = rows.getRow();
        Map<String, Object> props = new LinkedHashMap<>();
        String[] names = row.getColumnNames();
        int geometryIndex = row.getGeometryColumnIndex();
        for (int i = 0; i < names.length; i++) {
            if (i != geometryIndex) {
                props.put(names[i], row.getValue(i));
            }
        }
        long i = index++;
        String location = "feature " + i;
        GeoPackageGeometryData data = row.getGeometry();
        Geometry g = null;
        try {
            if (data != null && !data.isEmpty()) {
                byte[] bytes = data.getWkb();
                g = bytes == null ? null : wkb.read(bytes);
            }
        } catch (IOException | ParseException | RuntimeException e) {
            return new SourceRecord(i, location, props, null, "几何无法解析 unreadable geometry: " + e.getMessage(),
                    row.getGeometryColumnName());
        }
        return SourceRecord.of(i, location, props, g);
    }

    @Override
    public void close() {
        try {
            rows.close();
        } finally {
            gpkg.close();
        }
    }
}
