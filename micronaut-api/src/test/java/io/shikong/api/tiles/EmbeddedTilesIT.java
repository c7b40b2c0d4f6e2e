package io.shikong.api.tiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Tiles end to end on the embedded store (vector tiles encoded in Java). */
class EmbeddedTilesIT extends TilesContract {

    @Override
    Map<String, Object> storeProperties() throws Exception {
        return embedded();
    }

    @Override
    Map<String, Object> secondServerProperties() throws Exception {
        return embedded(); // the embedded file is one process's: a second server loads the same sample city into its own
    }

    static Map<String, Object> embedded() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "tiles-it"));
        return Map.of("shikong.store.kind", "embedded", "shikong.store.file",
                Files.createTempDirectory(dir, "db").resolve("shikong").toString());
    }
}
