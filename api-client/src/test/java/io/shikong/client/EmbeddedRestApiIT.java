package io.shikong.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The REST API on the embedded default store, a fresh database file in target/. */
class EmbeddedRestApiIT extends RedLineAndSectorContract {

    @Override
    Map<String, Object> storeProperties() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "rest-it"));
        Path file = Files.createTempDirectory(dir, "db").resolve("shikong");
        return Map.of("shikong.store.kind", "embedded", "shikong.store.file", file.toString());
    }

    @Override
    String expectedStoreKind() {
        return "embedded";
    }
}
