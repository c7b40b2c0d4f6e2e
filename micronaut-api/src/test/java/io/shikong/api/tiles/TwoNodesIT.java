package io.shikong.api.tiles;

import static io.shikong.api.tiles.TilesContract.ADMIN;
import static io.shikong.api.tiles.TilesContract.JSON;
import static io.shikong.api.tiles.TilesContract.WFS20;
import static io.shikong.api.tiles.TilesContract.get;
import static io.shikong.api.tiles.TilesContract.mvt;
import static io.shikong.api.tiles.TilesContract.send;
import static io.shikong.api.tiles.TilesContract.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.shikong.core.feature.Feature;
import io.shikong.core.query.Query;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureCursor;
import io.shikong.core.store.FeatureStore;
import io.shikong.core.store.PostgisTestDatabase;
import io.shikong.tiles.grid.TileMatrixSets;
import io.shikong.tiles.grid.TileProjection;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.locationtech.jts.geom.Coordinate;

/**
 * Two server nodes on one PostGIS database, each with its own tile cache: an edit through node A (WFS-T)
 * changes node B's next tile and B's red-line check, through the store's change events (PostgreSQL
 * LISTEN/NOTIFY), without B serving its cached tile or its old red-line index. Polled with a bounded wait:
 * "at once" is a matter of the notification's delivery, not asserted as a time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodesIT {

    /** The longest the test waits for node B to see node A's edit. */
    static final int POLLS = 600;

    EmbeddedServer a;
    EmbeddedServer b;

    @BeforeAll
    void start() throws Exception {
        Map<String, Object> db = PostgisTestDatabase.serverProperties("two_nodes_it");
        Path work = Files.createTempDirectory(Files.createDirectories(Path.of("target", "tiles-it")), "nodes");
        a = node(db, work.resolve("cache-a"));
        b = node(db, work.resolve("cache-b"));
    }

    static EmbeddedServer node(Map<String, Object> db, Path cache) {
        Map<String, Object> props = new HashMap<>(db);
        props.put("micronaut.server.port", -1);
        props.put("shikong.samples.load", "true");
        props.put("shikong.users", "admin:pw:admin");
        props.put("shikong.tiles.cache-dir", cache.toString());
        return ApplicationContext.run(EmbeddedServer.class, props);
    }

    @AfterAll
    void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    @Test
    void anEditThroughOneNodeChangesTheOtherNodesTileAndRedLineCheck() throws Exception {
        FeatureStore store = b.getApplicationContext().getBean(FeatureStore.class);
        Feature building = TilesContract.unchangedBuilding(store, 5);
        Coordinate at = building.geometry().getInteriorPoint().getCoordinate();
        long[] t = TilesContract.tileOf(b.getApplicationContext().getBean(TileMatrixSets.class),
                b.getApplicationContext().getBean(TileProjection.class), TileMatrixSets.WEB_MERCATOR_QUAD, 16, at);
        String tileB = b.getURI() + TilesContract.path(TileMatrixSets.WEB_MERCATOR_QUAD, t, "mvt") + "?layers=buildings";
        HttpResponse<byte[]> first = get(tileB, null);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(get(tileB, null).headers().firstValue("ETag")).isEqualTo(first.headers().firstValue("ETag"));

        Feature zone;
        try (FeatureCursor c = store.read(Query.of("eco_red_lines", Caller.ANONYMOUS).limit(1).build())) {
            zone = c.next();
        }
        Coordinate in = zone.geometry().getInteriorPoint().getCoordinate();
        double d = 0.0002;
        String check = "{\"wkt\":\"POLYGON((" + (in.x - d) + " " + (in.y - d) + "," + (in.x + d) + " " + (in.y - d) + ","
                + (in.x + d) + " " + (in.y + d) + "," + (in.x - d) + " " + (in.y + d) + "," + (in.x - d) + " " + (in.y - d) + "))\"}";
        assertThat(zoneIds(b, check)).contains(zone.id());

        // the edits, through node A
        String renamed = "两节点 two nodes " + System.identityHashCode(this);
        TilesContract.transaction(a.getURI().toString(), "<wfs:Transaction service=\"WFS\" version=\"2.0.0\" " + WFS20
                + "><wfs:Update typeName=\"shikong:buildings\"><wfs:Property><wfs:ValueReference>name</wfs:ValueReference>"
                + "<wfs:Value>" + renamed + "</wfs:Value></wfs:Property><fes:Filter><fes:ResourceId rid=\"buildings."
                + building.id() + "\"/></fes:Filter></wfs:Update></wfs:Transaction>");
        HttpResponse<byte[]> deleted = send("POST", a.getURI() + "/wfs", "text/xml", "<wfs:Transaction service=\"WFS\" "
                + "version=\"2.0.0\" " + WFS20 + "><wfs:Delete typeName=\"shikong:eco_red_lines\"><fes:Filter><fes:ResourceId "
                + "rid=\"eco_red_lines." + zone.id() + "\"/></fes:Filter></wfs:Delete></wfs:Transaction>", ADMIN);
        assertThat(text(deleted)).contains("totalDeleted>1<");

        boolean tileSeen = false;
        for (int i = 0; i < POLLS && !tileSeen; i++) {
            tileSeen = mvt(get(tileB, null).body()).get("buildings").stream().anyMatch(f -> renamed.equals(f.get("name")));
            if (!tileSeen) {
                Thread.sleep(100);
            }
        }
        assertThat(tileSeen).as("node B's tile shows node A's edit").isTrue();
        boolean zoneGone = false;
        for (int i = 0; i < POLLS && !zoneGone; i++) {
            zoneGone = !zoneIds(b, check).contains(zone.id());
            if (!zoneGone) {
                Thread.sleep(100);
            }
        }
        assertThat(zoneGone).as("node B's red-line check no longer sees the zone node A deleted").isTrue();
    }

    static List<String> zoneIds(EmbeddedServer node, String check) throws Exception {
        HttpResponse<byte[]> r = send("POST", node.getURI() + "/api/v1/redline/checks", "application/json", check, null);
        assertThat(r.statusCode()).as(text(r)).isEqualTo(201);
        JsonNode doc = JSON.readTree(r.body());
        return doc.get("footprints").get(0).path("zones").findValuesAsText("id");
    }
}
