package io.shikong.core.fuzz;

import io.shikong.core.crs.CrsService;
import io.shikong.core.params.Params;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The typed parameters every protocol shares (BBOX, TIME, SORTBY, integers, CRS identifiers), fuzzed from the
 * values QGIS, GDAL and the README send: each reads or is a 400 naming the parameter.
 */
class ParamsFuzzTest {

    static final CrsService CRS = new CrsService();

    static final List<String> VALUES = List.of("123.3,41.7,123.6,41.9", "-180,-90,180,90", "41.7,123.3,41.9,123.6,EPSG:4326",
            "13727000,5117000,13760000,5150000", "2020-01-01", "2020-01-01T08:00:00+08:00", "2020", "2020-06",
            "2019-01-01/2021-12-31", "2020-01-01/..", "../2020-01-01", "2020-01-01/2020-12-31/P1D", "current",
            "name,-floors,+height_m", "name A,floors D", "floors DESC", "10", "0", "-5", "EPSG:4326", "EPSG:4490",
            "urn:ogc:def:crs:EPSG::4326", "http://www.opengis.net/def/crs/EPSG/0/3857", "CRS84", "CRS:84", "GCJ02",
            "BD09", "EPSG:4528");

    @Provide
    Arbitrary<String> values() {
        return Fuzz.inputs(VALUES);
    }

    @Property
    void bbox(@ForAll("values") String v) {
        Fuzz.readsOrRefuses(v, () -> Params.bbox(v, "BBOX", false));
        Fuzz.readsOrRefuses(v, () -> Params.bbox(v, "BBOX", true));
    }

    @Property
    void timeAndInstant(@ForAll("values") String v) {
        Fuzz.readsOrRefuses(v, () -> Params.time(v, "TIME"));
        Fuzz.readsOrRefuses(v, () -> Params.instant(v, "datetime"));
    }

    @Property
    void sortByNumbersAndLists(@ForAll("values") String v) {
        Fuzz.readsOrRefuses(v, () -> Params.sortBy(v, "sortBy"));
        Fuzz.readsOrRefuses(v, () -> Params.integer(v, "count", 10, 0, 1000));
        Fuzz.readsOrRefuses(v, () -> Params.number(v, "distance"));
        Fuzz.readsOrRefuses(v, () -> Params.list(v));
    }

    @Property
    void crs(@ForAll("values") String v) {
        Fuzz.readsOrRefuses(v, () -> Params.crs(CRS, v, "crs", CRS.storage()));
    }
}
