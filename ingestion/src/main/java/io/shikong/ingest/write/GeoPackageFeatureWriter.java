package io.shikong.ingest.write;

import io.shikong.core.catalog.AttributeDefinition;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.Crs;
import io.shikong.core.feature.Feature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.db.GeoPackageDataType;
import mil.nga.geopackage.features.columns.GeometryColumns;
import mil.nga.geopackage.features.user.FeatureColumn;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.features.user.FeatureRow;
import mil.nga.geopackage.features.user.FeatureTableMetadata;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.geopackage.srs.SpatialReferenceSystem;
import mil.nga.geopackage.srs.SpatialReferenceSystemDao;
import org.geotools.referencing.CRS;
import org.locationtech.jts.io.WKBWriter;

/**
 * A GeoPackage with one feature table named like the layer (NGA's geopackage library): an integer
 * primary key {@code fid}, the schema's columns (text, integer, real, boolean; dates and instants as
 * ISO 8601 text in DATE/DATETIME columns), the geometry column {@code geom} of the layer's type. The
 * CRS is an EPSG entry of {@code gpkg_spatial_ref_sys} (definition from GeoTools' EPSG database); GCJ-02
 * and BD-09, which have no EPSG code, use the GeoPackage's "undefined geographic" system 0. Rows are
 * inserted in transactions of 10,000.
 */
public final class GeoPackageFeatureWriter implements FeatureWriter {

    private static final int BATCH = 10_000;

    private final GeoPackage gpkg;
    private final FeatureDao dao;
    private final ExportSchema schema;
    private final long srsId;
    private final int[] columnIndex;
    private final WKBWriter wkb = new WKBWriter(2);
    private long count;

    /** Creates the file, which must not exist. */
    public GeoPackageFeatureWriter(Path file, LayerDefinition layer, Crs crs) throws IOException {
        if (Files.exists(file)) {
            throw new IOException("file exists: " + file);
        }
        GeoPackageManager.create(file.toFile());
        this.gpkg = GeoPackageManager.open(file.toFile());
        try {
            this.schema = ExportSchema.of(layer);
            this.srsId = srs(crs);
            GeometryColumns gc = new GeometryColumns();
            gc.setTableName(layer.name());
            gc.setColumnName("geom");
            gc.setGeometryType(mil.nga.sf.GeometryType.valueOf(layer.geometryType().name()));
            gc.setSrsId(srsId);
            gc.setZ((byte) 0);
            gc.setM((byte) 0);
            List<FeatureColumn> columns = new ArrayList<>();
            for (AttributeDefinition a : schema.columns()) {
                columns.add(FeatureColumn.createColumn(a.name(), type(a)));
            }
            gpkg.createFeatureTable(FeatureTableMetadata.create(gc, "fid", columns));
            this.dao = gpkg.getFeatureDao(layer.name());
            FeatureRow probe = dao.newRow();
            this.columnIndex = schema.columns().stream().mapToInt(a -> probe.getColumnIndex(a.name())).toArray();
            gpkg.beginTransaction();
        } catch (RuntimeException | SQLException e) {
            gpkg.close();
            throw new IOException("cannot create the GeoPackage: " + e.getMessage(), e);
        }
    }

    private long srs(Crs crs) throws SQLException {
        if (crs.epsg() <= 0) {
            return 0;
        }
        SpatialReferenceSystemDao srsDao = gpkg.getSpatialReferenceSystemDao();
        SpatialReferenceSystem existing = srsDao.queryForId((long) crs.epsg());
        if (existing != null) {
            return existing.getSrsId();
        }
        SpatialReferenceSystem srs = new SpatialReferenceSystem();
        srs.setSrsName(crs.title());
        srs.setSrsId(crs.epsg());
        srs.setOrganization("EPSG");
        srs.setOrganizationCoordsysId(crs.epsg());
        try {
            srs.setDefinition(CRS.decode("EPSG:" + crs.epsg()).toWKT());
        } catch (Exception e) {
            srs.setDefinition("undefined");
        }
        srs.setDescription(crs.title());
        srsDao.create(srs);
        return crs.epsg();
    }

    private static GeoPackageDataType type(AttributeDefinition a) {
        return switch (a.type()) {
            case STRING -> GeoPackageDataType.TEXT;
            case INTEGER, LONG -> GeoPackageDataType.INTEGER;
            case DOUBLE -> GeoPackageDataType.DOUBLE;
            case BOOLEAN -> GeoPackageDataType.BOOLEAN;
            case DATE -> GeoPackageDataType.DATE;
            case TIMESTAMP -> GeoPackageDataType.DATETIME;
        };
    }

    @Override
    public void write(Feature feature) throws IOException {
        FeatureRow row = dao.newRow();
        for (int i = 0; i < columnIndex.length; i++) {
            Object v = schema.value(feature, i);
            if (v instanceof java.time.temporal.Temporal) {
                v = v.toString();
            }
            row.setValue(columnIndex[i], v);
        }
        if (feature.geometry() != null) {
            row.setGeometry(GeoPackageGeometryData.createFromWkbAndBuildEnvelope(srsId, wkb.write(feature.geometry())));
        }
        dao.insert(row);
        if (++count % BATCH == 0) {
            gpkg.endAndBeginTransaction();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            gpkg.endTransaction(true);
        } finally {
            gpkg.close();
        }
    }
}
