package io.shikong.api.rest.redline;

import io.micronaut.json.JsonMapper;
import io.shikong.api.config.ShikongConfiguration;
import io.shikong.api.rest.GeoJsonGeometryReader;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.SectorLayers;
import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.ShikongException;
import io.shikong.core.redline.CheckRepository;
import io.shikong.core.redline.RedLineChecker;
import io.shikong.core.redline.RedLineIndex;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureStore;
import jakarta.inject.Singleton;

/**
 * The red-line index and checker of the catalog's red-line layer ({@code sector.redLine}, by default
 * {@code eco_red_lines}), made once with the limits of {@code shikong.red-line}, and the repository the
 * checks are kept in.
 */
@Singleton
public class RedLineService {

    final SectorLayers.RedLine redLine;
    final String layer;
    final RedLineIndex index;
    final RedLineChecker checker;
    final CheckRepository checks;
    final Crs storage;
    final CrsService crsService;
    final JsonMapper json;
    final LayerCatalog catalog;
    final GeoJsonGeometryReader geometries;

    public RedLineService(FeatureStore store, LayerCatalog catalog, CrsService crsService, JsonMapper json,
                          CheckRepository checks, GeoJsonGeometryReader geometries, ShikongConfiguration config) {
        this.redLine = catalog.sector().redLine();
        this.layer = redLine.layer();
        this.crsService = crsService;
        this.json = json;
        this.catalog = catalog;
        this.checks = checks;
        this.geometries = geometries;
        Caller system = Caller.of("redline-index", Caller.ADMIN);
        var definition = catalog.all().stream().filter(l -> l.name().equals(layer)).findFirst().orElse(null);
        this.storage = crsService.resolve("EPSG:" + (definition == null ? 4490 : definition.srid()));
        this.index = definition == null ? null : new RedLineIndex(store, layer, system);
        this.checker = index == null ? null : new RedLineChecker(index, crsService, storage, redLine, config.redLine().limits());
    }

    void requireConfigured() {
        if (checker == null) {
            throw new ShikongException(io.shikong.core.error.OgcCode.NOT_FOUND, "layer", "the red-line layer '" + layer
                    + "' is not in the catalog (the catalog's sector.redLine names it)", null);
        }
    }
}
