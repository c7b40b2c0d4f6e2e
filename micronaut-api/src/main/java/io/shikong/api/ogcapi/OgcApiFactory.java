package io.shikong.api.ogcapi;

import io.micronaut.context.annotation.Factory;
import io.shikong.api.config.ShikongConfiguration;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.crs.CrsService;
import io.shikong.core.store.FeatureStore;
import io.shikong.ows.oapif.OapifService;
import jakarta.inject.Singleton;

/** The OGC API - Features service, with the page sizes of the REST API ({@code shikong.rest.default-limit}, {@code max-limit}). */
@Factory
public class OgcApiFactory {

    @Singleton
    public OapifService oapifService(LayerCatalog catalog, FeatureStore store, CrsService crsService,
                                     ShikongConfiguration config) {
        return new OapifService(catalog, store, crsService, config.rest().defaultLimit(), config.rest().maxLimit());
    }
}
