package io.shikong.ows.wfs.getfeature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shikong.core.catalog.CatalogLoader;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.security.Caller;
import io.shikong.ows.Kvp;
import io.shikong.ows.wfs.WfsContext;
import io.shikong.ows.wfs.WfsSettings;
import io.shikong.ows.wfs.WfsVersion;
import io.shikong.ows.xml.SecureXml;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * A GetFeature holds at most {@code shikong.wfs.max-queries} queries, each a count and a read of the store: a
 * POST of 300,000 wfs:Query elements is refused at the first one over the limit, before the rest are read; KVP
 * type names likewise.
 */
class GetFeatureLimitsTest {

    static final LayerCatalog CATALOG = CatalogLoader.load(new ByteArrayInputStream("""
            layers:
              - name: roads
                geometry: LineString
                attributes: [{name: name, type: string}]
            """.getBytes(StandardCharsets.UTF_8)));

    static WfsContext ctx() {
        return new WfsContext(CATALOG, null, new CrsService(), Caller.ANONYMOUS, WfsVersion.V2_0_0, "http://h/ows",
                new WfsSettings(100, 1000, 100, 1000));
    }

    static Element getFeature(int queries) {
        StringBuilder sb = new StringBuilder("<wfs:GetFeature service=\"WFS\" version=\"2.0.0\" "
                + "xmlns:wfs=\"http://www.opengis.net/wfs/2.0\" xmlns:shikong=\"" + WfsContext.NAMESPACE + "\">");
        for (int i = 0; i < queries; i++) {
            sb.append("<wfs:Query typeNames=\"shikong:roads\"/>");
        }
        return SecureXml.parse(sb.append("</wfs:GetFeature>").toString().getBytes(StandardCharsets.UTF_8), "request")
                .getDocumentElement();
    }

    @Test
    void aPostOfThreeHundredThousandQueriesIsRefusedAtTheLimit() {
        assertThatThrownBy(() -> new GetFeatureXmlReader(ctx()).read(getFeature(300_000), false))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                    assertThat(e.locator()).isEqualTo("typeNames");
                    assertThat(e.getMessage()).isEqualTo("more than 100 queries in one GetFeature (shikong.wfs.max-queries)");
                });
        assertThat(new GetFeatureXmlReader(ctx()).read(getFeature(100), false).queries()).hasSize(100);
    }

    @Test
    void kvpTypeNamesCountAsQueries() {
        String names = String.join(",", Collections.nCopies(101, "shikong:roads"));
        assertThatThrownBy(() -> new GetFeatureKvpReader(ctx()).read(new Kvp(Map.of("TYPENAMES", List.of(names))), false))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("more than 100 queries in one GetFeature (shikong.wfs.max-queries)");
    }
}
