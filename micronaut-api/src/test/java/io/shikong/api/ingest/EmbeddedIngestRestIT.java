package io.shikong.api.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Loads and exports over REST on the embedded store. */
class EmbeddedIngestRestIT extends IngestRestContract {

    @Override
    Map<String, Object> storeProperties() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "ingest-it"));
        return Map.of("shikong.store.kind", "embedded", "shikong.store.file",
                Files.createTempDirectory(dir, "db").resolve("shikong").toString());
    }
}
