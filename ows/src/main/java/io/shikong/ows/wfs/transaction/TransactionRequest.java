package io.shikong.ows.wfs.transaction;

import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.feature.Feature;
import java.util.List;
import java.util.Map;
import org.geotools.api.filter.Filter;

/**
 * A WFS Transaction (2.0, 1.1, or the 1.0 documents older QGIS sends): its actions in document order,
 * geometries in the storage CRS. {@code v10} asks for the WFS 1.0 response.
 */
public record TransactionRequest(boolean v2, List<Action> actions, boolean v10) {

    /** One action on one feature type. */
    public sealed interface Action {
        LayerDefinition layer();
    }

    /** New features; ids generated unless the client's are to be used. */
    public record Insert(LayerDefinition layer, List<Feature> features, String handle) implements Action {
    }

    /** New values (a Geometry for the geometry property, {@code null} to clear) for the features the filter selects. */
    public record Update(LayerDefinition layer, Map<String, Object> values, Filter filter) implements Action {
    }

    /** Replaces the features the filter selects by one feature's values (WFS 2.0). */
    public record Replace(LayerDefinition layer, Feature feature, Filter filter) implements Action {
    }

    /** Ends the features the filter selects (their history is kept). */
    public record Delete(LayerDefinition layer, Filter filter) implements Action {
    }
}
