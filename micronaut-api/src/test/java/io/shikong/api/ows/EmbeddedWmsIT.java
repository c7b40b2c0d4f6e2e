package io.shikong.api.ows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** WMS end to end on the embedded store. */
class EmbeddedWmsIT extends WmsContract {

    @Override
    Map<String, Object> storeProperties() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "wms-it"));
        return Map.of("shikong.store.kind", "embedded", "shikong.store.file",
                Files.createTempDirectory(dir, "db").resolve("shikong").toString());
    }
}
