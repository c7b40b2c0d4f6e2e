package io.shikong.ingest.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shikong.core.crs.CrsService;
import io.shikong.core.feature.Feature;
import io.shikong.ingest.AttributeMapping;
import io.shikong.ingest.Ingest;
import io.shikong.ingest.IngestOptions;
import io.shikong.ingest.IngestProgress;
import io.shikong.ingest.IngestReport;
import io.shikong.ingest.TestLayers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.h2gis.functions.io.dbf.internal.DbaseFileHeader;
import org.h2gis.functions.io.shp.internal.SHPDriver;
import org.h2gis.functions.io.shp.internal.ShapeType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.io.WKTReader;

/** Shapefiles written in the test with H2GIS's SHPDriver: a GBK DBF with Chinese names, a .prj, zipped or not. */
class ShapefileSourceReaderTest {

    static final CrsService CRS = new CrsService();
    static final String CGCS2000_PRJ = "GEOGCS[\"GCS_China_Geodetic_Coordinate_System_2000\",DATUM[\"D_China_2000\","
            + "SPHEROID[\"CGCS2000\",6378137.0,298.257222101]],PRIMEM[\"Greenwich\",0.0],"
            + "UNIT[\"Degree\",0.0174532925199433]]";
    static final String GK41_PRJ = "PROJCS[\"CGCS2000_3_Degree_GK_Zone_41\"," + CGCS2000_PRJ + ",PROJECTION[\"Gauss_Kruger\"],"
            + "PARAMETER[\"False_Easting\",41500000.0],PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",123.0],"
            + "PARAMETER[\"Scale_Factor\",1.0],PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]";

    @TempDir
    Path dir;

    /** Writes b.shp/.shx/.dbf (GBK) and the .prj; returns the .shp. */
    Path shapefile(String name, String prj, String... polygons) throws Exception {
        DbaseFileHeader h = new DbaseFileHeader();
        assertThat(h.setEncoding("cp936")).isTrue(); // H2GIS's name of GBK (DBF language driver 0x4D)
        h.setNumRecords(polygons.length); // the writer takes the count up front
        h.addColumn("BH", 'C', 20, 0);
        h.addColumn("MC", 'C', 50, 0);
        h.addColumn("CS", 'N', 9, 0);
        h.addColumn("GD", 'N', 12, 2);
        SHPDriver d = new SHPDriver();
        d.setGeometryFieldIndex(0);
        Path shp = dir.resolve(name + ".shp");
        d.initDriver(shp.toFile(), ShapeType.POLYGON, h);
        WKTReader wkt = new WKTReader();
        int i = 1;
        for (String p : polygons) {
            d.insertRow(new Object[] {wkt.read(p), "B" + i, "第" + i + "号楼（沈河区）", 3 + i, 10.25 * i});
            i++;
        }
        d.close();
        if (prj != null) {
            Files.writeString(dir.resolve(name + ".prj"), prj);
        }
        return shp;
    }

    static final String P1 = "POLYGON ((123.4 41.8, 123.401 41.8, 123.401 41.801, 123.4 41.8))";
    static final String P2 = "POLYGON ((123.5 41.8, 123.501 41.8, 123.501 41.801, 123.5 41.8))";

    static List<SourceRecord> all(SourceReader r) {
        List<SourceRecord> out = new ArrayList<>();
        r.forEachRemaining(out::add);
        return out;
    }

    static AttributeMapping mapping() {
        return AttributeMapping.of(Map.of("MC", "name", "CS", "floors", "GD", "height"));
    }

    @Test
    void readsAGbkDbfDetectedWithThePrjCrs() throws Exception {
        Path shp = shapefile("b", CGCS2000_PRJ, P1, P2);
        try (ShapefileSourceReader r = (ShapefileSourceReader) SourceReaders.open(shp, ReadOptions.DEFAULTS)) {
            assertThat(r.charset()).isEqualTo(TextEncoding.GBK);
            assertThat(r.crs()).contains("EPSG:4490");
            List<SourceRecord> recs = all(r);
            assertThat(recs).hasSize(2);
            assertThat(recs.get(0).properties()).containsEntry("BH", "B1").containsEntry("MC", "第1号楼（沈河区）")
                    .containsEntry("CS", 4L).containsEntry("GD", 10.25);
            assertThat(recs.get(1).location()).isEqualTo("record 2");
            assertThat(recs.get(0).geometry().getEnvelopeInternal().getMinX()).isEqualTo(123.4);
        }
    }

    @Test
    void loadsAShapefileAndTheSameZipped() throws Exception {
        Path shp = shapefile("b", CGCS2000_PRJ, P1, P2);
        Path zip = dir.resolve("b.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String ext : List.of("shp", "shx", "dbf", "prj")) {
                z.putNextEntry(new ZipEntry("data/b." + ext));
                Files.copy(dir.resolve("b." + ext), z);
                z.closeEntry();
            }
        }
        for (Path file : List.of(shp, zip)) {
            TestLayers.MemoryLoader loader = new TestLayers.MemoryLoader();
            IngestReport r = new Ingest(CRS, loader).run(file, TestLayers.buildings(), IngestOptions.builder().key("BH")
                    .mapping(mapping()).spoolDirectory(dir).build(), IngestProgress.NONE);
            assertThat(r.status()).as(r.summary()).isEqualTo(IngestReport.Status.LOADED);
            assertThat(r.sourceCrs()).isEqualTo("EPSG:4490");
            Feature f = loader.features.get(1);
            assertThat(f.id()).isEqualTo("B2");
            assertThat(f.properties()).containsEntry("name", "第2号楼（沈河区）").containsEntry("floors", 5)
                    .containsEntry("height", 20.5);
            assertThat(f.geometry()).isInstanceOf(MultiPolygon.class);
        }
    }

    @Test
    void aCpgFileNamesTheEncodingAndADeclaredWrongOneIsAClearError() throws Exception {
        Path shp = shapefile("c", CGCS2000_PRJ, P1);
        Files.writeString(dir.resolve("c.cpg"), "GBK");
        try (ShapefileSourceReader r = (ShapefileSourceReader) SourceReaders.open(shp, ReadOptions.DEFAULTS)) {
            assertThat(r.charset()).isEqualTo(TextEncoding.GBK);
        }
        TestLayers.MemoryLoader loader = new TestLayers.MemoryLoader();
        IngestReport r = new Ingest(CRS, loader).run(shp, TestLayers.buildings(), IngestOptions.builder().key("BH")
                .mapping(mapping()).read(ReadOptions.DEFAULTS.withCharset(StandardCharsets.UTF_8)).spoolDirectory(dir)
                .build(), IngestProgress.NONE);
        assertThat(r.status()).as(r.summary()).isEqualTo(IngestReport.Status.FAILED);
        assertThat(r.reason()).contains("c.shp").contains("record 1").contains("MC").contains("--encoding GBK");
        assertThat(loader.calls).isZero();
    }

    @Test
    void aMissingShxIsAClearError() throws Exception {
        Path shp = shapefile("m", CGCS2000_PRJ, P1);
        Files.delete(dir.resolve("m.shx"));
        assertThatThrownBy(() -> SourceReaders.open(shp, ReadOptions.DEFAULTS)).isInstanceOf(SourceReadException.class)
                .hasMessageContaining("m.shx").hasMessageContaining("missing").hasMessageContaining("SHAPE_RESTORE_SHX");
        TestLayers.MemoryLoader loader = new TestLayers.MemoryLoader();
        IngestReport r = new Ingest(CRS, loader).run(shp, TestLayers.buildings(), IngestOptions.builder().key("BH")
                .spoolDirectory(dir).build(), IngestProgress.NONE);
        assertThat(r.status()).isEqualTo(IngestReport.Status.FAILED);
        assertThat(r.reason()).contains(".shx");
        assertThat(loader.calls).isZero();
    }

    @Test
    void aGaussKrugerPrjIsTransformedToCgcs2000() throws Exception {
        // (123.43, 41.80) is E 41535737.204, N 4629511.995 in EPSG:4529 (PostGIS gives the same)
        double e = 41535737.204;
        double n = 4629511.995;
        String square = "POLYGON ((" + e + " " + n + ", " + (e + 50) + " " + n + ", " + (e + 50) + " " + (n + 50) + ", "
                + e + " " + n + "))";
        Path shp = shapefile("gk", GK41_PRJ, square);
        try (SourceReader r = SourceReaders.open(shp, ReadOptions.DEFAULTS)) {
            assertThat(r.crs()).contains("EPSG:4529");
        }
        TestLayers.MemoryLoader loader = new TestLayers.MemoryLoader();
        IngestReport r = new Ingest(CRS, loader).run(shp, TestLayers.buildings(), IngestOptions.builder().key("BH")
                .mapping(mapping()).spoolDirectory(dir).build(), IngestProgress.NONE);
        assertThat(r.status()).as(r.summary()).isEqualTo(IngestReport.Status.LOADED);
        Geometry g = loader.features.get(0).geometry();
        // the ring's first corner (the others differ in latitude too: grid convergence)
        assertThat(g.getCoordinates()[0].x).isCloseTo(123.43, org.assertj.core.data.Offset.offset(1e-7));
        assertThat(g.getCoordinates()[0].y).isCloseTo(41.80, org.assertj.core.data.Offset.offset(1e-7));
    }

    @Test
    void anUnknownPrjIsRefusedUnlessACrsIsDeclared() throws Exception {
        Path shp = shapefile("u", "PROJCS[\"Local_Grid_Shenyang\",GEOGCS[\"Unknown\",DATUM[\"D_Unknown\",SPHEROID[\"S\",6378000,300]],"
                + "PRIMEM[\"Greenwich\",0],UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Transverse_Mercator\"],"
                + "PARAMETER[\"False_Easting\",1234],PARAMETER[\"False_Northing\",0],PARAMETER[\"Central_Meridian\",123.1],"
                + "PARAMETER[\"Scale_Factor\",1],PARAMETER[\"Latitude_Of_Origin\",0],UNIT[\"Meter\",1]]", P1);
        TestLayers.MemoryLoader loader = new TestLayers.MemoryLoader();
        Ingest ingest = new Ingest(CRS, loader);
        IngestReport r = ingest.run(shp, TestLayers.buildings(), IngestOptions.builder().key("BH").mapping(mapping())
                .spoolDirectory(dir).build(), IngestProgress.NONE);
        assertThat(r.status()).isEqualTo(IngestReport.Status.FAILED);
        assertThat(r.reason()).contains("u.shp").contains(".prj").contains("cannot be identified").contains("--crs");
        assertThat(loader.calls).isZero();
        IngestReport declared = ingest.run(shp, TestLayers.buildings(), IngestOptions.builder().key("BH")
                .mapping(mapping()).crs("EPSG:4490").spoolDirectory(dir).build(), IngestProgress.NONE);
        assertThat(declared.status()).isEqualTo(IngestReport.Status.LOADED);
    }

    @Test
    void prjNames() {
        assertThat(PrjCrs.identify(GK41_PRJ)).contains("EPSG:4529");
        assertThat(PrjCrs.identify(CGCS2000_PRJ)).contains("EPSG:4490");
        assertThat(PrjCrs.identify("PROJCS[\"CGCS2000_3_Degree_GK_CM_123E\",GEOGCS[\"x\"]]")).contains("EPSG:4550");
        assertThat(PrjCrs.identify("garbage")).isEmpty();
    }

}
