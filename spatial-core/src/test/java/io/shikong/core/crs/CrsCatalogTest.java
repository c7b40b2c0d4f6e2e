package io.shikong.core.crs;

import static org.assertj.core.api.Assertions.assertThat;

import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.referencing.crs.GeographicCRS;
import org.geotools.referencing.CRS;
import org.junit.jupiter.api.Test;

/** The supported set is written out by hand; this checks each row against the EPSG database. */
class CrsCatalogTest {

    @Test
    void everyEpsgRowAgreesWithGeoTools() throws Exception {
        for (Crs crs : CrsCatalog.supported()) {
            if (crs.epsg() < 0) {
                continue;
            }
            String code = crs.equals(CrsCatalog.CRS84) ? "CRS:84" : crs.code();
            CoordinateReferenceSystem gt = CRS.decode(code);
            assertThat(CRS.getAxisOrder(gt) == CRS.AxisOrder.NORTH_EAST)
                    .as("northingFirst of %s", crs).isEqualTo(crs.northingFirst());
            assertThat(gt instanceof GeographicCRS).as("geographic of %s", crs).isEqualTo(crs.geographic());
            assertThat(CRS.lookupEpsgCode(gt, false)).as("EPSG code of %s", crs).isEqualTo(crs.epsg());
            if (!crs.equals(CrsCatalog.CRS84)) {
                assertThat(gt.getName().getCode()).as("title of %s", crs).isEqualTo(crs.title());
            }
        }
    }

    @Test
    void datumFamilies() {
        assertThat(CrsCatalog.onCgcs2000(CrsCatalog.CGCS2000)).isTrue();
        assertThat(CrsCatalog.onCgcs2000(CrsCatalog.gaussKruger(4491))).isTrue();
        assertThat(CrsCatalog.onCgcs2000(CrsCatalog.gaussKruger(4554))).isTrue();
        assertThat(CrsCatalog.onCgcs2000(CrsCatalog.WGS84)).isFalse();
        assertThat(CrsCatalog.onCgcs2000(CrsCatalog.WEB_MERCATOR)).isFalse();
        assertThat(CrsCatalog.onCgcs2000(CrsCatalog.CRS84)).isFalse();
        assertThat(CrsCatalog.onCgcs2000(CrsCatalog.GCJ02)).isFalse();
    }
}
