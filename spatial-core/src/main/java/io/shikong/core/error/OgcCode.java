package io.shikong.core.error;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The exception codes Shikong reports, each with its spelling (the {@code exceptionCode} of an OWS
 * exception report, the {@code code} of a WMS service exception, the {@code code} of a problem+json
 * body) and the HTTP status it answers with: OWS Common 2.0 (Table 27 codes, Table 28 statuses), WFS
 * 2.0 (Table 3 codes, Table D.2 statuses), WMS 1.3.0 (Table E.1, which gives no status: 400 for all its
 * codes, since every one is the caller's mistake), WMTS 1.0.0 (Table 28) and Shikong's own codes.
 *
 * <p>A {@link ShikongException} takes its status from its code unless the thrower overrides it (an
 * unknown layer is a 404 in REST; an HTTP-level 401, 405, 413 or 415 keeps its status). Codes
 * marked "not raised today" complete their specification's table so that new code picks the right one.
 */
public enum OgcCode {

    // ----------------------------------------------------------------- OWS Common (WFS, WMS and REST)

    /**
     * The request names an operation this service does not have (an unknown REQUEST, a WFS 2.0
     * operation in a 1.1 request, locking or stored-query management where they are off, the native
     * Transaction action, joins, a POST that is no WFS request), or an operation sent the wrong way:
     * KVP for CreateStoredQuery or Transaction, or an HTTP method the endpoint does not take (405 kept).
     * Locator: the operation ({@code request}). OWS Common Table 28: 501.
     */
    OPERATION_NOT_SUPPORTED("OperationNotSupported", 501),

    /**
     * A required parameter is absent ({@link MissingParameterException}), or a change of a locked feature
     * comes without the lock id. Locator: the parameter. 400.
     */
    MISSING_PARAMETER_VALUE("MissingParameterValue", 400),

    /**
     * A parameter has a value that cannot be used ({@link InvalidParameterException}): an unknown
     * service, feature type, output format or version, a malformed number, bbox, filter, time. Also the
     * WFS spelling of WMS's {@link #LAYER_NOT_DEFINED} and {@link #INVALID_CRS}, and the code of an OGC
     * request Micronaut refused with a 4xx of its own (415 unsupported body type and the like, statuses
     * kept). Locator: the parameter. 400.
     */
    INVALID_PARAMETER_VALUE("InvalidParameterValue", 400),

    /** No version in a GetCapabilities' AcceptVersions is served. Locator: {@code acceptVersions}. 400. */
    VERSION_NEGOTIATION_FAILED("VersionNegotiationFailed", 400),

    /**
     * A GetCapabilities' UpdateSequence is greater than the service's (OWS Common; WMS uses it too).
     * Not raised today: Shikong's capabilities carry no update sequence. 400.
     */
    INVALID_UPDATE_SEQUENCE("InvalidUpdateSequence", 400),

    /**
     * The operation exists but not with the option asked for, e.g. CSV output of several feature types.
     * Locator: the option's parameter. OWS Common Table 28: 501.
     */
    OPTION_NOT_SUPPORTED("OptionNotSupported", 501),

    /**
     * Our failure, not the caller's: a store error ({@link StoreException}) or any unexpected exception,
     * reported without its details (the log has them). Also the code of a request refused for bad
     * credentials on an OGC endpoint (status 401 kept). No locator. 500.
     */
    NO_APPLICABLE_CODE("NoApplicableCode", 500),

    /**
     * The caller may not do what it asks ({@link AccessDeniedException}): write a read-only layer or one
     * it has no write role for (WFS-T or REST), lock features it may not write, manage stored queries
     * without a write role. Not in OWS Common's table (which lets services add codes); 403 Forbidden.
     */
    OPERATION_NOT_PERMITTED("OperationNotPermitted", 403),

    // ----------------------------------------------------------------------------- WFS 2.0 Table 3

    /** A LockFeature or GetFeatureWithLock with lockAction ALL could not lock every selected feature. 400. */
    CANNOT_LOCK_ALL_FEATURES("CannotLockAllFeatures", 400),

    /**
     * CreateStoredQuery with an id that is already stored. Locator: the id. Shikong answers 400 (the
     * caller can pick another id).
     */
    DUPLICATE_STORED_QUERY_ID_VALUE("DuplicateStoredQueryIdValue", 400),

    /** A stored query declares a parameter name twice. Not raised today (such a definition is an invalid value). 400. */
    DUPLICATE_STORED_QUERY_PARAMETER_NAME("DuplicateStoredQueryParameterName", 400),

    /** Features a transaction expected to be locked are not. Not raised today. 400. */
    FEATURES_NOT_LOCKED("FeaturesNotLocked", 400),

    /**
     * A lock id that this service never issued or that was released, or a change of a feature locked
     * under another lock id. Locator: {@code lockId}. 400.
     */
    INVALID_LOCK_ID("InvalidLockId", 400),

    /**
     * A Transaction's value does not fit its feature type: an insert of a type the request does not
     * name, an unknown property, a gml: property that cannot be written. Locator: the property. 400.
     */
    INVALID_VALUE("InvalidValue", 400),

    /** The lock named by a request has expired (its expiry passed). Locator: {@code lockId}. WFS Table D.2: 403. */
    LOCK_HAS_EXPIRED("LockHasExpired", 403),

    /** The request could not be parsed. Not raised today: an unreadable request is an invalid value. 400. */
    OPERATION_PARSING_FAILED("OperationParsingFailed", 400),

    /**
     * A well-formed request that cannot be carried out as asked: more features than one lock holds, more
     * stored queries than are kept, a transaction over several feature types or on a superseded version,
     * a filter comparing gml:boundedBy; also an OGC request body that is too large (status 413 kept).
     * WFS 2.0's Table D.2 gives 403; Shikong raises it only for requests the caller can correct and
     * answers 400, as it always has (an internal failure is {@link #NO_APPLICABLE_CODE}).
     */
    OPERATION_PROCESSING_FAILED("OperationProcessingFailed", 400),

    /** A response page that the service no longer holds. Not raised today (no response cache). WFS Table D.2: 403. */
    RESPONSE_CACHE_EXPIRED("ResponseCacheExpired", 403),

    /**
     * The resource asked for by id does not exist: GetFeatureById or a feature id ({@link
     * FeatureNotFoundException}), a stored check, a layer of a sector role the catalog lacks, an unknown
     * path under an OGC endpoint. 404.
     */
    NOT_FOUND("NotFound", 404),

    // ------------------------------------------------------------------- WMS 1.3.0 Table E.1 (and 1.1.1)

    /** A FORMAT (GetMap, GetLegendGraphic) that is not served. Locator: {@code FORMAT}. 400. */
    INVALID_FORMAT("InvalidFormat", 400),

    /**
     * A coordinate reference system that is unknown or not served ({@link InvalidCrsException}), in any
     * service; WMS 1.1.1 spells it {@link #INVALID_SRS}, WFS {@link #INVALID_PARAMETER_VALUE}. 400.
     */
    INVALID_CRS("InvalidCRS", 400),

    /** WMS 1.1.1's spelling of {@link #INVALID_CRS}; the WMS report writes it, nothing throws it. 400. */
    INVALID_SRS("InvalidSRS", 400),

    /**
     * A layer that does not exist or that the caller may not see ({@link LayerNotFoundException}, which
     * answers 404 in REST), a WMS LAYERS or LAYER naming one, or a GetFeatureInfo QUERY_LAYERS entry that
     * is not among LAYERS. WFS reports it as {@link #INVALID_PARAMETER_VALUE} of typeNames. 400.
     */
    LAYER_NOT_DEFINED("LayerNotDefined", 400),

    /** A WMS STYLES entry that the layer does not have. Locator: {@code STYLES}. 400. */
    STYLE_NOT_DEFINED("StyleNotDefined", 400),

    /** GetFeatureInfo on a layer that is not queryable. Not raised today: every served layer is queryable. 400. */
    LAYER_NOT_QUERYABLE("LayerNotQueryable", 400),

    /** A GetFeatureInfo I/J (X/Y in 1.1.1) outside the map. Locator: the parameter. 400. */
    INVALID_POINT("InvalidPoint", 400),

    /** A GetCapabilities' UPDATESEQUENCE equal to the current one. Not raised today (no update sequence). 400. */
    CURRENT_UPDATE_SEQUENCE("CurrentUpdateSequence", 400),

    /** A dimension without a default is missing. Not raised today: TIME is optional. 400. */
    MISSING_DIMENSION_VALUE("MissingDimensionValue", 400),

    /** A dimension value out of its extent. Not raised today: a bad TIME is an invalid parameter value. 400. */
    INVALID_DIMENSION_VALUE("InvalidDimensionValue", 400),

    // ------------------------------------------------------------------------------- WMTS 1.0.0 Table 28

    /**
     * A WMTS GetTile or GetFeatureInfo whose TileMatrix, TileRow or TileCol lies outside its tile matrix set
     * ({@code io.shikong.tiles.TileOutOfRangeException}, which the XYZ and OGC API tile paths answer with 404
     * instead). Locator: the parameter ({@code TileMatrix}, {@code TileRow} or {@code TileCol}). 400.
     */
    TILE_OUT_OF_RANGE("TileOutOfRange", 400),

    // -------------------------------------------------------------------------------- Shikong's own

    /** A write contradicting the stored state ({@link ConflictException}): a concurrent change of the same feature. 409. */
    CONFLICT("Conflict", 409),

    /** WMS refuses a large map while too many are being drawn (or the wait was interrupted); try again. 503. */
    SERVER_BUSY("ServerBusy", 503);

    private static final Map<String, OgcCode> BY_CODE = new HashMap<>();

    static {
        for (OgcCode c : values()) {
            BY_CODE.put(c.code, c);
        }
    }

    private final String code;
    private final int status;

    OgcCode(String code, int status) {
        this.code = code;
        this.status = status;
    }

    /** The code as the specifications spell it, e.g. {@code InvalidParameterValue}. */
    public String code() {
        return code;
    }

    /** The HTTP status this code answers with unless an exception overrides it. */
    public int status() {
        return status;
    }

    /** The constant spelled {@code code} (exactly, case-sensitive), if there is one. */
    public static Optional<OgcCode> of(String code) {
        return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
    }
}
