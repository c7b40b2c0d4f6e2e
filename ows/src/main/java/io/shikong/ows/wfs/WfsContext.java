package io.shikong.ows.wfs;

import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureStore;
import io.shikong.ows.wfs.lock.LockManager;

/**
 * What every WFS operation needs for one request: the core services, who asks, the version spoken and
 * the URL the service is reached at.
 *
 * @param serviceUrl the operation URL for the capabilities' DCP links, e.g. {@code http://host/ows}
 * @param locks      the process's one WFS lock table (LockFeature, GetFeatureWithLock, Transaction)
 */
public record WfsContext(LayerCatalog catalog, FeatureStore store, CrsService crsService, Caller caller,
                         WfsVersion version, String serviceUrl, WfsSettings settings, LockManager locks) {

    /** A context without a lock table, for tests of the request readers; locking operations refuse. */
    public WfsContext(LayerCatalog catalog, FeatureStore store, CrsService crsService, Caller caller,
                      WfsVersion version, String serviceUrl, WfsSettings settings) {
        this(catalog, store, crsService, caller, version, serviceUrl, settings, null);
    }

    /** The lock table; an OperationNotSupported when this context has none. */
    @Override
    public LockManager locks() {
        if (locks == null) {
            throw new ShikongException(OgcCode.OPERATION_NOT_SUPPORTED, "request", "this service keeps no locks");
        }
        return locks;
    }

    /** Prefix and namespace of Shikong's feature types. */
    public static final String PREFIX = io.shikong.ows.gml.GmlFeatureWriter.PREFIX;
    public static final String NAMESPACE = io.shikong.ows.gml.GmlFeatureWriter.NAMESPACE;

    /**
     * The layer a type name names: {@code shikong:buildings}, {@code buildings}, or with another prefix
     * bound to our namespace. Unknown (or invisible) names are an InvalidParameterValue on typeNames.
     */
    public LayerDefinition layer(String typeName, String locator) {
        String name = typeName.trim();
        if (name.startsWith("{") && name.indexOf('}') > 0) {
            name = name.substring(name.indexOf('}') + 1);
        }
        int colon = name.indexOf(':');
        if (colon >= 0) {
            name = name.substring(colon + 1);
        }
        try {
            return catalog.layer(name, caller);
        } catch (io.shikong.core.error.LayerNotFoundException e) {
            throw new ShikongException(OgcCode.INVALID_PARAMETER_VALUE, locator, "Unknown feature type '" + typeName
                    + "'", e);
        }
    }

    /**
     * Whether a resource id ({@code layer.id}) names a feature type the caller can see other than
     * {@code layer}: such an id in a query of {@code layer} is an error, not an empty match.
     */
    public boolean namesOtherType(LayerDefinition layer, String id) {
        int dot = id.indexOf('.');
        if (dot <= 0 || id.startsWith(layer.name() + ".")) {
            return false;
        }
        String prefix = id.substring(0, dot);
        return catalog.layers(caller).stream().anyMatch(l -> l.name().equals(prefix));
    }

    /** The DescribeFeatureType URL of these types, for xsi:schemaLocation (each type once). */
    public String describeUrl(java.util.List<LayerDefinition> layers) {
        return serviceUrl() + "?service=WFS&version=" + version().number + "&request=DescribeFeatureType&typeNames="
                + String.join(",", layers.stream().map(WfsContext::typeName).distinct().toList());
    }

    public static String typeName(LayerDefinition layer) {
        return PREFIX + ":" + layer.name();
    }
}
