package io.shikong.core.catalog;

import io.shikong.core.error.LayerNotFoundException;
import io.shikong.core.security.Caller;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The layers Shikong serves, in configuration order. Every lookup takes the {@link Caller}: a layer
 * the caller may not read is answered exactly like a layer that does not exist.
 */
public final class LayerCatalog {

    private final Map<String, LayerDefinition> layers = new LinkedHashMap<>();
    private final SectorLayers sector;

    /**
     * A catalog without a sector section.
     *
     * @param layers the layers; names must be unique
     * @throws CatalogConfigurationException when two layers share a name
     */
    public LayerCatalog(Collection<LayerDefinition> layers) {
        this(layers, SectorLayers.NONE);
    }

    /**
     * @param layers the layers; names must be unique
     * @param sector which layers and attributes the sector queries and red-line checks use (checked
     *               against the layers by {@link CatalogLoader}); {@code null} for none
     * @throws CatalogConfigurationException when two layers share a name
     */
    public LayerCatalog(Collection<LayerDefinition> layers, SectorLayers sector) {
        for (LayerDefinition layer : layers) {
            if (this.layers.putIfAbsent(layer.name(), layer) != null) {
                throw new CatalogConfigurationException("layers." + layer.name(), "duplicate layer name");
            }
        }
        this.sector = sector == null ? SectorLayers.NONE : sector;
    }

    /** The roles layers and attributes play in the sector queries and red-line checks (the {@code sector:} section). */
    public SectorLayers sector() {
        return sector;
    }

    /** The layers {@code caller} may see, in configuration order. */
    public List<LayerDefinition> layers(Caller caller) {
        List<LayerDefinition> visible = new ArrayList<>();
        for (LayerDefinition layer : layers.values()) {
            if (layer.access().canRead(caller)) {
                visible.add(layer);
            }
        }
        return visible;
    }

    /**
     * The layer of that name.
     *
     * @throws LayerNotFoundException when there is none or {@code caller} may not see it
     */
    public LayerDefinition layer(String name, Caller caller) {
        LayerDefinition layer = name == null ? null : layers.get(name);
        if (layer == null || !layer.access().canRead(caller)) {
            throw new LayerNotFoundException(name);
        }
        return layer;
    }

    /**
     * Whether there is a layer of that name {@code caller} may see: {@link #layer} without the exception,
     * for per-request decisions that would otherwise throw and catch.
     */
    public boolean visible(String name, Caller caller) {
        LayerDefinition layer = name == null ? null : layers.get(name);
        return layer != null && layer.access().canRead(caller);
    }

    /** Every layer, whatever the caller: for stores and start-up work only, never for requests. */
    public Collection<LayerDefinition> all() {
        return List.copyOf(layers.values());
    }
}
