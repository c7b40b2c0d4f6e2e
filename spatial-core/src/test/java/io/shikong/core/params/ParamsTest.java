package io.shikong.core.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shikong.core.crs.CrsService;
import io.shikong.core.error.InvalidCrsException;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.query.SortKey;
import io.shikong.core.query.TimeSelection;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParamsTest {

    @Test
    void bbox() {
        assertThat(Params.bbox("123.3,41.7,123.6,41.9", "bbox", true)).containsExactly(123.3, 41.7, 123.6, 41.9);
        assertThat(Params.bbox("5,5,5,5", "bbox", true)).containsExactly(5, 5, 5, 5); // a point is a box
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1,2,3", "1,2,3,4,5", "a,2,3,4", "3,2,1,4", "1,4,3,2", "NaN,1,2,3", "-181,0,0,1", "0,0,1,91"})
    void badBboxNamesTheParameter(String value) {
        assertThatThrownBy(() -> Params.bbox(value, "bbox", true)).isInstanceOf(InvalidParameterException.class)
                .satisfies(e -> assertThat(((InvalidParameterException) e).locator()).isEqualTo("bbox"));
    }

    @Test
    void projectedBboxIsNotLimitedToDegrees() {
        assertThat(Params.bbox("13700000,5100000,13710000,5110000", "bbox", false)).hasSize(4);
    }

    @Test
    void time() {
        assertThat(Params.time(null, "t")).isEqualTo(TimeSelection.CURRENT);
        assertThat(Params.time("2020-01-01", "t")).isEqualTo(TimeSelection.asOf(Instant.parse("2020-01-01T00:00:00Z")));
        assertThat(Params.time("2020-01-01T08:00:00+08:00", "t")).isEqualTo(TimeSelection.asOf(Instant.parse("2020-01-01T00:00:00Z")));
        assertThat(Params.time("2019-01-01/2020-01-01", "t")).isEqualTo(new TimeSelection.Range(
                Instant.parse("2019-01-01T00:00:00Z"), Instant.parse("2020-01-01T00:00:00Z")));
        assertThat(Params.time("../2020-01-01", "t")).isInstanceOf(TimeSelection.Range.class);
        // an empty end is an open end, as an empty start is an open start
        assertThat(Params.time("2020-01-01/", "t")).isEqualTo(new TimeSelection.Range(
                Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("9999-12-31T00:00:00Z")));
        assertThat(Params.time("/2020-01-01", "t")).isEqualTo(new TimeSelection.Range(
                Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("2020-01-01T00:00:00Z")));
        assertThatThrownBy(() -> Params.time("2019-01-01/2020-01-01/2021-01-01", "t")).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> Params.time("2020-13-01", "t")).isInstanceOf(InvalidParameterException.class);
        assertThat(Params.time("current", "t")).isEqualTo(TimeSelection.CURRENT);
        assertThat(Params.time("2020", "t")).isEqualTo(TimeSelection.asOf(Instant.parse("2020-01-01T00:00:00Z")));
        assertThat(Params.time("2020-05", "t")).isEqualTo(TimeSelection.asOf(Instant.parse("2020-05-01T00:00:00Z")));
        assertThat(Params.time("2019-01-01T00:00:00Z/2020-01-01T00:00:00Z/PT1S", "t")).isEqualTo(new TimeSelection.Range(
                Instant.parse("2019-01-01T00:00:00Z"), Instant.parse("2020-01-01T00:00:00Z")));
        assertThatThrownBy(() -> Params.time("2019-01-01,2020-01-01", "t")).hasMessageContaining("lists");
        assertThatThrownBy(() -> Params.time("2021-01-01/2020-01-01", "t")).hasMessageContaining("ends before");
    }

    @Test
    void sortBy() {
        assertThat(Params.sortBy("name,-floors,+height_m", "sortby"))
                .containsExactly(SortKey.asc("name"), SortKey.desc("floors"), SortKey.asc("height_m"));
        assertThat(Params.sortBy("name A,floors DESC", "sortby")).containsExactly(SortKey.asc("name"), SortKey.desc("floors"));
        assertThat(Params.sortBy(null, "sortby")).isEmpty();
        assertThatThrownBy(() -> Params.sortBy("name SIDEWAYS", "sortby")).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> Params.sortBy("-", "sortby")).isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void integerLimits() {
        assertThat(Params.integer(null, "limit", 100, 1, 10)).isEqualTo(100);
        assertThat(Params.integer("10", "limit", 100, 1, 10)).isEqualTo(10);
        assertThatThrownBy(() -> Params.integer("11", "limit", 100, 1, 10)).hasMessageContaining("over the maximum of 10");
        assertThatThrownBy(() -> Params.integer("0", "limit", 100, 1, 10)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Params.integer("99999999999999999999", "limit", 100, 1, 10)).isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void crsKeepsTheParameterName() {
        CrsService crs = new CrsService();
        assertThat(Params.crs(crs, null, "crs", crs.storage())).isEqualTo(crs.storage());
        assertThat(Params.crs(crs, "http://www.opengis.net/def/crs/EPSG/0/3857", "crs", null).code()).isEqualTo("EPSG:3857");
        assertThatThrownBy(() -> Params.crs(crs, "EPSG:2154", "bbox-crs", null)).isInstanceOf(InvalidCrsException.class)
                .satisfies(e -> assertThat(((InvalidCrsException) e).locator()).isEqualTo("bbox-crs"));
    }
}
