package io.shikong.api.ows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** WFS stored query management end to end on the embedded store (a file, kept across the restart). */
class EmbeddedStoredQueryIT extends StoredQueryContract {

    @Override
    Map<String, Object> storeProperties() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "stored-query-it"));
        return Map.of("shikong.store.kind", "embedded", "shikong.store.file",
                Files.createTempDirectory(dir, "db").resolve("shikong").toString());
    }
}
