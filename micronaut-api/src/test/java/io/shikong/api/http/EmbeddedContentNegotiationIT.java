package io.shikong.api.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Content negotiation on the embedded store. */
class EmbeddedContentNegotiationIT extends ContentNegotiationContract {

    @Override
    Map<String, Object> storeProperties() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "conneg-it"));
        return Map.of("shikong.store.kind", "embedded", "shikong.store.file",
                Files.createTempDirectory(dir, "db").resolve("shikong").toString());
    }
}
