package io.shikong.ows.oapif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shikong.core.catalog.CatalogLoader;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.ShikongException;
import io.shikong.core.query.Query;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.security.Caller;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Envelope;

/** The items query parameters to the core Query: axis order by CRS, valid time, limits, and each mistake named. */
class ItemsReaderTest {

    static final LayerDefinition ROADS = CatalogLoader.load(new ByteArrayInputStream("""
            layers: [{name: roads, geometry: LineString, attributes: [{name: name, type: string}, {name: lanes, type: integer}]}]
            """.getBytes(StandardCharsets.UTF_8))).layer("roads", Caller.ANONYMOUS);
    static final ItemsReader READER = new ItemsReader(new OapifCrs(new CrsService()), 10, 1000);

    static Query read(String... kv) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            params.put(kv[i], List.of(kv[i + 1]));
        }
        return READER.read(ROADS, Caller.ANONYMOUS, params).query();
    }

    @Test
    void nothingGivenIsTheCurrentFeaturesInPagesOfTheDefault() {
        Query q = read();
        assertThat(q.limit()).isEqualTo(10);
        assertThat(q.offset()).isZero();
        assertThat(q.time()).isEqualTo(TimeSelection.CURRENT);
        assertThat(q.bbox()).isNull();
        assertThat(q.filter()).isNull();
        assertThat(q.outputCrs().code()).isEqualTo("CRS84");
    }

    @Test
    void bboxIsInTheAxisOrderOfItsCrs() {
        assertThat(read("bbox", "123.3,41.7,123.6,41.9").bbox()).isEqualTo(new Envelope(123.3, 123.6, 41.7, 41.9));
        assertThat(read("bbox", "41.7,123.3,41.9,123.6", "bbox-crs", "http://www.opengis.net/def/crs/EPSG/0/4326").bbox())
                .isEqualTo(new Envelope(123.3, 123.6, 41.7, 41.9));
        assertThat(read("bbox", "41.7,123.3,41.9,123.6", "bbox-crs", "http://www.opengis.net/def/crs/EPSG/0/4490").bboxCrs().code())
                .isEqualTo("EPSG:4490");
        assertThat(read("bbox", "123.3,41.7,0,123.6,41.9,100").bbox()).isEqualTo(new Envelope(123.3, 123.6, 41.7, 41.9));
        assertThat(read("bbox", "123.3,41.7,123.6,41.9", "bbox-crs", OapifCrs.GCJ02_URI).bboxCrs().code()).isEqualTo("GCJ02");
    }

    @Test
    void datetimeIsAnInstantOrAnIntervalOnValidTime() {
        assertThat(read("datetime", "2020-01-01T00:00:00Z").time())
                .isEqualTo(TimeSelection.asOf(Instant.parse("2020-01-01T00:00:00Z")));
        assertThat(read("datetime", "2020-01-01").time()).isEqualTo(TimeSelection.asOf(Instant.parse("2020-01-01T00:00:00Z")));
        TimeSelection.Range open = (TimeSelection.Range) read("datetime", "../2020-01-01T00:00:00Z").time();
        assertThat(open.to()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
        TimeSelection.Range openEnd = (TimeSelection.Range) read("datetime", "2020-01-01T00:00:00Z/").time();
        assertThat(openEnd.from()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(read("datetime", "../..").time()).isEqualTo(TimeSelection.ALL);
    }

    @Test
    void queryablesAsParametersFiltersAndSortKeys() {
        assertThat(read("lanes", "4").filter().toString()).contains("lanes").contains("4");
        assertThat(read("filter", "lanes > 2 AND name LIKE 'A%'").filter()).isNotNull();
        assertThat(read("sortby", "-lanes,name").sort()).extracting(k -> k.property() + (k.ascending() ? "+" : "-"))
                .containsExactly("lanes-", "name+");
        assertThat(read("crs", "http://www.opengis.net/def/crs/EPSG/0/4529").outputCrs().code()).isEqualTo("EPSG:4529");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "bbox|1,2,3|bbox", "bbox|1,x,3,4|bbox", "bbox|3,2,1,4|bbox", "bbox|200,1,201,2|bbox",
        "limit|0|limit", "limit|1001|limit", "limit|x|limit", "offset|-1|offset",
        "datetime|soon|datetime", "datetime|2020-02-01/2020-01-01|datetime",
        "crs|EPSG:99999|crs", "bbox-crs|nonsense|bbox-crs",
        "filter|lanes >|filter", "filter-lang|ecql|filter-lang", "sortby|nosuch|sortby",
        "colour|red|colour", "lanes|four|lanes",
    })
    void everyMistakeIsA400NamingTheParameter(String name, String value, String locator) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put(name, List.of(value));
        if (name.equals("bbox-crs")) {
            params.put("bbox", List.of("1,2,3,4"));
        }
        assertThatThrownBy(() -> READER.read(ROADS, Caller.ANONYMOUS, params))
                .isInstanceOf(ShikongException.class)
                .satisfies(e -> {
                    assertThat(((ShikongException) e).status()).isEqualTo(400);
                    assertThat(((ShikongException) e).locator()).isEqualTo(locator);
                });
    }

    @Test
    void aParameterGivenTwiceIsRefused() {
        assertThatThrownBy(() -> READER.read(ROADS, Caller.ANONYMOUS, Map.of("limit", List.of("1", "2"))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("2 times");
    }
}
