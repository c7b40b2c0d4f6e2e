package io.shikong.api.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

class EmbeddedSecurityMatrixIT extends SecurityMatrixContract {

    @Override
    Map<String, Object> storeProperties() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "security-it"));
        return Map.of("shikong.store.kind", "embedded", "shikong.store.file",
                Files.createTempDirectory(dir, "db").resolve("shikong").toString());
    }
}
