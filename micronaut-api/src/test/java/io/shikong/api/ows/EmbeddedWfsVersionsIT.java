package io.shikong.api.ows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** WFS feature versions on the embedded store. */
class EmbeddedWfsVersionsIT extends WfsVersionsContract {

    @Override
    Map<String, Object> storeProperties() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "wfs-versions-it"));
        return Map.of("shikong.store.kind", "embedded", "shikong.store.file",
                Files.createTempDirectory(dir, "db").resolve("shikong").toString());
    }
}
