package io.shikong.api.rest.redline;

import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.ShikongException;
import io.shikong.core.redline.CheckStore;
import io.shikong.core.redline.RedLineChecker;
import io.shikong.core.redline.RedLineIndex;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureStore;
import io.shikong.core.store.jdbc.JdbcFeatureStore;
import jakarta.inject.Singleton;

/** The red-line index, checker and check store of the configured red-line layer, made once. */
@Singleton
public class RedLineService {

    final String layer;
    final RedLineIndex index;
    final RedLineChecker checker;
    final CheckStore checks;
    final Crs storage;
    final CrsService crsService;
    final JsonMapper json;
    final LayerCatalog catalog;

    public RedLineService(FeatureStore store, LayerCatalog catalog, CrsService crsService, JsonMapper json,
                          @Value("${shikong.redline.layer:eco_red_lines}") String layer) {
        this.layer = layer;
        this.crsService = crsService;
        this.json = json;
        this.catalog = catalog;
        Caller system = Caller.of("redline-index", Caller.ADMIN);
        var definition = catalog.all().stream().filter(l -> l.name().equals(layer)).findFirst().orElse(null);
        this.storage = crsService.resolve("EPSG:" + (definition == null ? 4490 : definition.srid()));
        this.index = definition == null ? null : new RedLineIndex(store, layer, system);
        this.checker = index == null ? null : new RedLineChecker(index, crsService, storage);
        this.checks = store instanceof JdbcFeatureStore jdbc ? new CheckStore(jdbc) : null;
    }

    void requireConfigured() {
        if (checker == null || checks == null) {
            throw new ShikongException(404, "NotFound", "layer", "the red-line layer '" + layer
                    + "' is not in the catalog", null);
        }
    }
}
