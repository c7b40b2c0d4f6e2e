package io.shikong.api.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.query.Query;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureStore;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/** Health of the feature store: it answers a cheap query on the first layer. */
@Singleton
public class StoreHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final FeatureStore store;
    private final LayerCatalog catalog;

    public StoreHealthIndicator(FeatureStore store, LayerCatalog catalog) {
        this.store = store;
        this.catalog = catalog;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", store.kind());
        details.put("layers", catalog.all().size());
        LayerDefinition first = catalog.all().iterator().next();
        try (var cursor = store.read(Query.of(first.name(), Caller.of("health", Caller.ADMIN)).limit(1).build())) {
            cursor.hasNext();
            healthStatus = HealthStatus.UP;
        } catch (RuntimeException e) {
            healthStatus = HealthStatus.DOWN;
            details.put("error", e.getMessage());
        }
        return details;
    }

    @Override
    protected String getName() {
        return "store";
    }
}
