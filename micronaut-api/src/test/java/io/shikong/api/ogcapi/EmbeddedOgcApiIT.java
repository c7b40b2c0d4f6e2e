package io.shikong.api.ogcapi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** OGC API - Features end to end on the embedded store. */
class EmbeddedOgcApiIT extends OgcApiContract {

    @Override
    Map<String, Object> storeProperties() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "oapif-it"));
        return Map.of("shikong.store.kind", "embedded", "shikong.store.file",
                Files.createTempDirectory(dir, "db").resolve("shikong").toString());
    }
}
