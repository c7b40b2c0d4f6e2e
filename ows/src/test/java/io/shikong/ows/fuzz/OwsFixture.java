package io.shikong.ows.fuzz;

import io.shikong.core.catalog.CatalogLoader;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.crs.CrsService;
import io.shikong.core.security.Caller;
import io.shikong.ows.wfs.WfsContext;
import io.shikong.ows.wfs.WfsSettings;
import io.shikong.ows.wfs.WfsVersion;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/** The catalog, CRS service and WFS context the OGC fuzz tests read requests against (no store: readers only). */
final class OwsFixture {

    static final LayerCatalog CATALOG = CatalogLoader.load(new ByteArrayInputStream("""
            layers:
              - name: roads
                geometry: LineString
                attributes: [{name: name, type: string}, {name: lanes, type: integer}, {name: opened, type: timestamp}]
              - name: buildings
                geometry: MultiPolygon
                srid: 4490
                attributes: [{name: name, type: string}, {name: floors, type: integer}, {name: height_m, type: double}]
              - name: pipelines
                geometry: LineString
                access: restricted
                readRoles: [engineer]
                attributes: []
            """.getBytes(StandardCharsets.UTF_8)));
    static final CrsService CRS = new CrsService();
    static final Caller EDITOR = Caller.of("li", Caller.EDITOR);
    static final long MAX_PIXELS = 4096L * 4096;

    private OwsFixture() {
    }

    static WfsContext wfs(WfsVersion version, Caller caller) {
        return new WfsContext(CATALOG, null, CRS, caller, version, "http://h/ows", new WfsSettings(100, 1000));
    }

    /** {@code §} in a template replaced by a value escaped for XML, so that the document stays well-formed. */
    static String fill(String template, java.util.List<String> values) {
        StringBuilder out = new StringBuilder();
        int v = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '§') {
                out.append(escape(values.isEmpty() ? "" : values.get(v++ % values.size())));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    // characters XML 1.0 cannot carry are left out: the document is to stay well-formed
                    if (c >= 0x20 && c != 0xFFFE && c != 0xFFFF && !Character.isSurrogate(c) || c == '\t' || c == '\n') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
