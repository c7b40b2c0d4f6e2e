package io.shikong.api.ows;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.shikong.core.store.PostgisTestDatabase;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * OGC's own WFS 2.0 executable test suite (ets-wfs20 1.25 from Maven Central, run offline by
 * {@code scripts/ets-wfs20.sh}) against a running Shikong on PostGIS with the test catalog
 * {@code ets/catalog.yml} and the sample city. It prints the suite's summary per conformance class and
 * fails on any failed test, and on any skipped test outside the Spatial joins class (which Shikong does
 * not claim).
 *
 * <p>The only failures tolerated are the suite's own bugs, recognised by their exact message, each
 * failing on any server whatever it answers (see {@link #SUITE_BUGS}).
 */
class OgcWfs20SuiteIT {

    /** Failures of ets-wfs20 1.25 that no server can avoid, by test method and message pattern. */
    static final Map<String, Pattern> SUITE_BUGS = new LinkedHashMap<>();

    static {
        // StoredQueryManagement.java:78 looks for ows:Operation[name='CreateStoredQuery'] (a child element
        // called name) instead of [@name=...]; a capabilities document with such a child would not be
        // schema-valid. Fixed upstream after 1.25.
        SUITE_BUGS.put("supportedStoredQueryLanguages", Pattern.compile("(?s)Missing 'language' parameter for CreateStoredQuery.*"));
        // ComparisonOperatorTests.sortValues turns xs:date values into dateTimes and then evaluates
        // xs:date('2015-07-28T00:00:00.000Z'), which is not an xs:date, on the response: it fails for
        // every server holding a date property, whenever its HashMap iteration picks that property.
        // AppSchemaUtils.getBuiltInDatatype knows xs:integer but not its derived built-ins xs:int and
        // xs:long, so for such a property it evaluates xs:anySimpleType(...), which XPath 2.0 has no
        // constructor for. Shikong types integer attributes xs:int (QGIS and GDAL read 32-bit integers).
        SUITE_BUGS.put("propertyIs", Pattern.compile("(?s).*(xs:date\\('\\d{4}-\\d{2}-\\d{2}T|Unknown constructor function: "
                + "\\{http://www.w3.org/2001/XMLSchema}anySimpleType).*"));
        // VersioningTests.replacementVersionHasNoSuccessor gives the replacement a new gml:id and then
        // replaces by that id, which names no feature: no server can report a ReplaceResults for it.
        SUITE_BUGS.put("replacementVersionHasNoSuccessor", Pattern.compile("(?s)Unexpected number of fes:ResourceId "
                + "elements in response entity \\(ReplaceResults\\).*"));
        // VersioningTests.deletedFeatureIsRetired sends its GetFeature by ResourceId before setting
        // version="LAST" on it (VersioningTests.java, 1.25), so it asks for the current feature, which a
        // delete removed: the retired version is only returned when a version is asked for (tested in
        // WfsVersionsContract). Fixed upstream after 1.25.
        SUITE_BUGS.put("deletedFeatureIsRetired", Pattern.compile("(?s)Unexpected number of items in response\\. "
                + "expected \\[1\\] but found \\[0\\].*"));
    }

    /**
     * Where Shikong deliberately differs from what one suite test assumes, with the reason. The test fails
     * for that reason only (matched by message), and is reported as such.
     */
    static final Map<String, Pattern> DESIGN_CHOICES = Map.of(
            // VersioningTests.updateSupersededVersion updates a feature twice by the gml:id GetFeature gave
            // and expects the second update to fail as aimed at a superseded version. Shikong's gml:id names
            // the feature (layer.id), not a version, so that QGIS, which keeps the gml:ids it loaded, can
            // edit a feature twice in one session; a version is named by layer.id-vN (previousRid, past
            // versions), and updating such a superseded version id does fail (tested in WfsContract).
            // The test was disabled in later releases of the suite.
            "updateSupersededVersion", Pattern.compile("(?s)Exception not found in response: "
                    + "//ows11:Exception\\[@exceptionCode = 'OperationProcessingFailed'\\].*"));

    /**
     * VersioningTests.deletedFeatureIsRetired deletes a random sample feature and cannot restore it (it
     * re-inserts it with idgen GenerateNew, so it gets a new id); a later test of the class that picks
     * that same feature at random updates nothing. Such a failure is recognised by its request naming
     * the feature the suite deleted.
     */
    static final Pattern UPDATED_NOTHING = Pattern.compile("(?s)Unexpected number of fes:ResourceId elements in "
            + "response entity \\(UpdateResults\\)\\. expected \\[1\\] but found \\[0\\].*");

    @Test
    void ogcWfs20SuiteFindsNoFailure() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "ets-wfs20"));
        Path catalog = dir.resolve("catalog.yml");
        try (InputStream in = getClass().getResourceAsStream("/ets/catalog.yml")) {
            Files.copy(in, catalog, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Map<String, Object> props = new HashMap<>(PostgisTestDatabase.serverProperties("ets_it"));
        props.put("micronaut.server.port", -1);
        props.put("shikong.samples", true);
        props.put("shikong.catalog", catalog.toAbsolutePath().toString());
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props)) {
            String caps = "http://127.0.0.1:" + server.getPort() + "/ows?service=WFS&request=GetCapabilities";
            Path out = dir.resolve("run");
            Process p = new ProcessBuilder("bash", Path.of("..", "scripts", "ets-wfs20.sh").toString(), caps,
                    out.toString()).redirectErrorStream(true).start();
            String summary = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(15, TimeUnit.MINUTES)).isTrue();
            System.out.println(summary);
            Files.writeString(dir.resolve("summary.txt"), summary);
            Matcher m = Pattern.compile("Results: (\\S+)").matcher(summary);
            assertThat(m.find()).as("the suite produced results:\n" + summary).isTrue();
            io.shikong.core.store.FeatureStore store = server.getApplicationContext()
                    .getBean(io.shikong.core.store.FeatureStore.class);
            check(Path.of(m.group(1)), summary, rid -> retired(store, rid));
        }
    }

    /** Reads testng-results.xml: failures other than the suite's own bugs, and skips outside Spatial joins. */
    static void check(Path results, String summary, java.util.function.Predicate<String> retired) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(results.toFile());
        List<String> failures = new ArrayList<>();
        List<String> suiteBugs = new ArrayList<>();
        List<String> skips = new ArrayList<>();
        int passed = 0;
        NodeList tests = doc.getElementsByTagName("test");
        for (int t = 0; t < tests.getLength(); t++) {
            Element test = (Element) tests.item(t);
            String group = test.getAttribute("name");
            NodeList methods = test.getElementsByTagName("test-method");
            for (int i = 0; i < methods.getLength(); i++) {
                Element method = (Element) methods.item(i);
                if ("true".equals(method.getAttribute("is-config"))) {
                    continue;
                }
                String name = method.getAttribute("name");
                String status = method.getAttribute("status");
                String message = method.getElementsByTagName("message").getLength() == 0 ? ""
                        : method.getElementsByTagName("message").item(0).getTextContent().trim();
                switch (status) {
                    case "PASS" -> passed++;
                    case "FAIL" -> {
                        if (isSuiteBug(name, message)) {
                            suiteBugs.add("[" + group + "] " + name);
                        } else if (UPDATED_NOTHING.matcher(message).matches() && retired.test(rid(request(method)))) {
                            suiteBugs.add("[" + group + "] " + name + " (picked " + rid(request(method))
                                    + ", which the suite had deleted)");
                        } else if (DESIGN_CHOICES.containsKey(name) && DESIGN_CHOICES.get(name).matcher(message).matches()) {
                            suiteBugs.add("[" + group + "] " + name + " (design choice, see DESIGN_CHOICES)");
                        } else {
                            failures.add("[" + group + "] " + name + ": " + message);
                        }
                    }
                    case "SKIP" -> {
                        if (!group.equals("Spatial joins")) {
                            skips.add("[" + group + "] " + name + ": " + message);
                        }
                    }
                    default -> failures.add("[" + group + "] " + name + " has status " + status);
                }
            }
        }
        System.out.println("OGC WFS 2.0 suite: " + passed + " passed, " + failures.size() + " failed, "
                + suiteBugs.size() + " failed on known suite bugs " + suiteBugs + ", " + skips.size()
                + " skipped outside Spatial joins");
        assertThat(passed).as("tests passed").isGreaterThan(100);
        assertThat(failures).as(summary).isEmpty();
        assertThat(skips).as(summary).isEmpty();
    }

    /** Whether a gml:id (layer.id) names a feature whose last version is closed: deleted. */
    static boolean retired(io.shikong.core.store.FeatureStore store, String rid) {
        int dot = rid == null ? -1 : rid.indexOf('.');
        if (dot < 0) {
            return false;
        }
        io.shikong.core.feature.Feature last = null;
        try (var c = store.history(rid.substring(0, dot), rid.substring(dot + 1),
                io.shikong.core.security.Caller.of("ets-it", io.shikong.core.security.Caller.ADMIN))) {
            while (c.hasNext()) {
                last = c.next();
            }
        }
        return last != null && last.validTo() != null;
    }

    /** The first resource id a request names. */
    static String rid(String request) {
        Matcher m = Pattern.compile("rid=\"([^\"]+)\"").matcher(request);
        return m.find() ? m.group(1) : null;
    }

    /** The request a failed test sent last, as the suite records it. */
    static String request(Element method) {
        NodeList attributes = method.getElementsByTagName("attribute");
        for (int i = 0; i < attributes.getLength(); i++) {
            Element a = (Element) attributes.item(i);
            if (a.getAttribute("name").equals("request")) {
                return a.getTextContent();
            }
        }
        return "";
    }

    static boolean isSuiteBug(String method, String message) {
        for (var e : SUITE_BUGS.entrySet()) {
            if (method.startsWith(e.getKey()) && e.getValue().matcher(message).matches()) {
                return true;
            }
        }
        return false;
    }
}
