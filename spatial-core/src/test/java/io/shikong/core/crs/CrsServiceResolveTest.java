package io.shikong.core.crs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shikong.core.error.InvalidCrsException;
import io.shikong.core.error.InvalidParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CrsServiceResolveTest {

    private final CrsService service = new CrsService();

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "EPSG:", "EPSG:abc", "urn:ogc:def:crs:EPSG::", "WGS84", "EPSG::4490",
        "http://www.opengis.net/def/crs/EPSG/0/", "GCJ 02", "EPSG:4490x", "EPSG:12345678901234567890"})
    void garbageIsInvalidCrs(String identifier) {
        assertThatThrownBy(() -> service.resolve(identifier))
                .isInstanceOfSatisfying(InvalidCrsException.class, e -> {
                    assertThat(e.locator()).isEqualTo("crs");
                    assertThat(e.code()).isEqualTo("InvalidCRS");
                    assertThat(e.status()).isEqualTo(400);
                })
                .hasMessageContaining("Supported: EPSG:4490")
                .hasMessageContaining("GCJ02");
    }

    @ParameterizedTest
    @ValueSource(strings = {"EPSG:99999", "EPSG:2154", "EPSG:4214", "EPSG:4555", "EPSG:4490000", "0",
        "urn:ogc:def:crs:EPSG::32650", "http://www.opengis.net/def/crs/EPSG/0/4479"})
    void realOrUnknownButUnsupportedCodesAreInvalidCrs(String identifier) {
        assertThatThrownBy(() -> service.resolve(identifier))
                .isInstanceOf(InvalidCrsException.class)
                .hasMessageContaining("'" + identifier + "' is not supported")
                .hasMessageContaining("EPSG:4513-4554");
    }

    @Test
    void hugeIdentifierIsShortenedInTheMessage() {
        String huge = "x".repeat(10_000);
        assertThatThrownBy(() -> service.resolve(huge))
                .isInstanceOf(InvalidCrsException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(600));
    }

    @ParameterizedTest
    @ValueSource(strings = {"EPSG:4490", "epsg:4490", "4490", " EPSG:4490 ", "urn:ogc:def:crs:EPSG::4490",
        "URN:OGC:DEF:CRS:EPSG::4490", "urn:ogc:def:crs:EPSG:9.8.15:4490", "urn:x-ogc:def:crs:EPSG:4490",
        "urn:x-ogc:def:crs:EPSG:6.11:4490", "http://www.opengis.net/def/crs/EPSG/0/4490",
        "https://www.opengis.net/def/crs/EPSG/0/4490", "http://www.opengis.net/gml/srs/epsg.xml#4490"})
    void everyFormOf4490GivesTheSameCrs(String identifier) {
        Crs crs = service.resolve(identifier);
        assertThat(crs).isEqualTo(service.storage());
        assertThat(crs.code()).isEqualTo("EPSG:4490");
        assertThat(crs.epsg()).isEqualTo(4490);
        assertThat(crs.geographic()).isTrue();
        assertThat(crs.northingFirst()).isTrue();
        assertThat(crs.urn()).isEqualTo("urn:ogc:def:crs:EPSG::4490");
        assertThat(crs.uri()).isEqualTo("http://www.opengis.net/def/crs/EPSG/0/4490");
        assertThat(crs.title()).isEqualTo("China Geodetic Coordinate System 2000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CRS:84", "crs:84", "CRS84", "urn:ogc:def:crs:OGC:1.3:CRS84",
        "urn:ogc:def:crs:OGC::CRS84", "http://www.opengis.net/def/crs/OGC/1.3/CRS84"})
    void crs84IsWgs84WithLongitudeFirst(String identifier) {
        Crs crs84 = service.resolve(identifier);
        Crs epsg4326 = service.resolve("EPSG:4326");
        assertThat(crs84.code()).isEqualTo("CRS84");
        assertThat(crs84.epsg()).isEqualTo(4326).isEqualTo(epsg4326.epsg());
        assertThat(crs84.northingFirst()).isFalse();
        assertThat(epsg4326.northingFirst()).isTrue();
        assertThat(crs84).isNotEqualTo(epsg4326);
        assertThat(crs84.urn()).isEqualTo("urn:ogc:def:crs:OGC:1.3:CRS84");
        assertThat(crs84.uri()).isEqualTo("http://www.opengis.net/def/crs/OGC/1.3/CRS84");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GCJ02", "GCJ-02", "gcj02", "gcj-02"})
    void gcj02Forms(String identifier) {
        Crs crs = service.resolve(identifier);
        assertThat(crs.code()).isEqualTo("GCJ02");
        assertThat(crs.epsg()).isEqualTo(-1);
        assertThat(crs.geographic()).isTrue();
        assertThat(crs.northingFirst()).isFalse();
        assertThat(crs.urn()).isEqualTo("GCJ02");
        assertThat(crs.uri()).isEqualTo("GCJ02");
    }

    @ParameterizedTest
    @ValueSource(strings = {"BD09", "BD-09", "bd09", "bd-09"})
    void bd09Forms(String identifier) {
        Crs crs = service.resolve(identifier);
        assertThat(crs.code()).isEqualTo("BD09");
        assertThat(crs.epsg()).isEqualTo(-1);
        assertThat(crs.northingFirst()).isFalse();
    }

    @Test
    void googleCodeIsAnAliasOfWebMercator() {
        assertThat(service.resolve("EPSG:900913")).isEqualTo(service.resolve("EPSG:3857"));
        assertThat(service.resolve("EPSG:900913").code()).isEqualTo("EPSG:3857");
    }

    @Test
    void axisOrderFlags() {
        assertThat(service.resolve("EPSG:4326").northingFirst()).isTrue();
        assertThat(service.resolve("EPSG:4490").northingFirst()).isTrue();
        assertThat(service.resolve("EPSG:4529").northingFirst()).isTrue();
        assertThat(service.resolve("EPSG:4491").northingFirst()).isTrue();
        assertThat(service.resolve("EPSG:4554").northingFirst()).isTrue();
        assertThat(service.resolve("EPSG:3857").northingFirst()).isFalse();
        assertThat(service.resolve("CRS:84").northingFirst()).isFalse();
        assertThat(service.resolve("EPSG:3857").geographic()).isFalse();
        assertThat(service.resolve("EPSG:4529").geographic()).isFalse();
    }

    @Test
    void gaussKrugerTitles() {
        assertThat(service.resolve("EPSG:4529").title()).isEqualTo("CGCS2000 / 3-degree Gauss-Kruger zone 41");
        assertThat(service.resolve("EPSG:4549").title()).isEqualTo("CGCS2000 / 3-degree Gauss-Kruger CM 120E");
        assertThat(service.resolve("EPSG:4491").title()).isEqualTo("CGCS2000 / Gauss-Kruger zone 13");
        assertThat(service.resolve("EPSG:4512").title()).isEqualTo("CGCS2000 / Gauss-Kruger CM 135E");
    }

    @Test
    void supportedSetStartsWithStorageAndHoldsEveryZone() {
        assertThat(service.supported()).first().isEqualTo(service.storage());
        assertThat(service.supported()).hasSize(6 + (4554 - 4491 + 1));
        assertThat(service.supported()).doesNotHaveDuplicates();
        assertThat(service.supported()).extracting(Crs::code)
                .contains("EPSG:4326", "EPSG:3857", "CRS84", "GCJ02", "BD09", "EPSG:4491", "EPSG:4554");
        for (Crs crs : service.supported()) {
            assertThat(service.resolve(crs.code())).isEqualTo(crs);
            assertThat(service.resolve(crs.urn())).isEqualTo(crs);
            assertThat(service.resolve(crs.uri())).isEqualTo(crs);
        }
    }

    @Test
    void gaussKrugerZoneEdgeCases() {
        assertThatThrownBy(() -> service.gaussKrugerZone(Double.NaN))
                .isInstanceOf(InvalidParameterException.class);
        assertThat(service.gaussKrugerZone(Double.NEGATIVE_INFINITY).code()).isEqualTo("EPSG:4513");
        assertThat(service.gaussKrugerZone(Double.POSITIVE_INFINITY).code()).isEqualTo("EPSG:4533");
        assertThat(service.gaussKrugerZone(2.35).code()).isEqualTo("EPSG:4513");
        assertThat(service.gaussKrugerZone(73.5).code()).isEqualTo("EPSG:4513");
        assertThat(service.gaussKrugerZone(136.5).code()).isEqualTo("EPSG:4533");
        assertThat(service.gaussKrugerZone(179).code()).isEqualTo("EPSG:4533");
        // A border goes east: 121.5 is between zone 40 (CM 120) and zone 41 (CM 123).
        assertThat(service.gaussKrugerZone(121.5).code()).isEqualTo("EPSG:4529");
        assertThat(service.gaussKrugerZone(121.49).code()).isEqualTo("EPSG:4528");
    }

    @Test
    void gaussKrugerZoneOfChineseCities() {
        assertThat(service.gaussKrugerZone(123.43).code()).isEqualTo("EPSG:4529"); // Shenyang, zone 41
        assertThat(service.gaussKrugerZone(116.40).code()).isEqualTo("EPSG:4527"); // Beijing, zone 39, CM 117
        assertThat(service.gaussKrugerZone(121.47).code()).isEqualTo("EPSG:4528"); // Shanghai, zone 40, CM 120
        assertThat(service.gaussKrugerZone(87.62).code()).isEqualTo("EPSG:4517");  // Urumqi, zone 29, CM 87
        assertThat(service.gaussKrugerZone(75.0).code()).isEqualTo("EPSG:4513");   // zone 25, CM 75
        assertThat(service.gaussKrugerZone(135.0).code()).isEqualTo("EPSG:4533");  // zone 45, CM 135
    }
}
