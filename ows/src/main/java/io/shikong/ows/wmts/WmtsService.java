package io.shikong.ows.wmts;

import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.CrsService;
import io.shikong.core.encode.Chunks;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureStore;
import io.shikong.ows.Kvp;
import io.shikong.ows.OwsResponse;
import io.shikong.ows.wmts.capabilities.WmtsCapabilitiesWriter;
import io.shikong.ows.wmts.getfeatureinfo.WmtsFeatureInfoHandler;
import io.shikong.ows.wmts.getfeatureinfo.WmtsFeatureInfoRequest;
import io.shikong.ows.wmts.gettile.GetTileKvpReader;
import io.shikong.ows.wmts.gettile.GetTileRequest;
import io.shikong.styles.sld.LayerStyles;
import io.shikong.tiles.Tile;
import io.shikong.tiles.TileOutOfRangeException;
import io.shikong.tiles.TileRequest;
import io.shikong.tiles.TileService;
import io.shikong.tiles.grid.TileMatrix;
import io.shikong.tiles.grid.TileMatrixSet;
import io.shikong.tiles.grid.TileProjection;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The Web Map Tile Service 1.0.0 for one request: GetCapabilities, GetTile and GetFeatureInfo, by KVP
 * ({@link #kvp}) or by RESTful path ({@link #rest}, the scheme of {@link WmtsPaths}). Tiles come from the
 * {@link TileService} (cache, MVT, raster); feature info is WMS GetFeatureInfo over the tile. The layer,
 * style, set and tile are checked here, before the tile service is asked, so both encodings refuse alike;
 * every error leaves as WMTS reports it ({@link WmtsExceptions#translate}). Nothing here knows HTTP.
 */
public final class WmtsService {

    /** The only version. */
    public static final String VERSION = "1.0.0";

    private final LayerCatalog catalog;
    private final FeatureStore store;
    private final CrsService crsService;
    private final TileService tiles;
    private final TileProjection projection;
    private final LayerStyles layerStyles;
    private final Caller caller;
    private final String baseUrl;
    private final String kvpUrl;

    /**
     * @param baseUrl the public URL the endpoints are below
     * @param kvpUrl  the KVP endpoint the capabilities announce ({@code {base}/wmts} or {@code {base}/ows})
     */
    public WmtsService(LayerCatalog catalog, FeatureStore store, CrsService crsService, TileService tiles,
                       TileProjection projection, LayerStyles layerStyles, Caller caller, String baseUrl, String kvpUrl) {
        this.catalog = catalog;
        this.store = store;
        this.crsService = crsService;
        this.tiles = tiles;
        this.projection = projection;
        this.layerStyles = layerStyles;
        this.caller = caller;
        this.baseUrl = baseUrl;
        this.kvpUrl = kvpUrl;
    }

    /** The operation a REQUEST value names; VERSION, when given, must be 1.0.0 (ACCEPTVERSIONS for GetCapabilities). */
    public OwsResponse kvp(String request, Kvp kvp) {
        try {
            String op = request.toLowerCase(Locale.ROOT);
            if (op.equals("getcapabilities")) {
                String accept = kvp.get("ACCEPTVERSIONS");
                if (accept != null && List.of(accept.split(",")).stream().map(String::trim).noneMatch(VERSION::equals)) {
                    throw new ShikongException(OgcCode.VERSION_NEGOTIATION_FAILED, "AcceptVersions",
                            "none of the versions " + accept + " is served; this WMTS speaks " + VERSION);
                }
                return capabilities();
            }
            String version = kvp.get("VERSION");
            if (version != null && !version.trim().equals(VERSION)) {
                throw new InvalidParameterException("Version", "WMTS version '" + version + "' is not served; use "
                        + VERSION);
            }
            return switch (op) {
                case "gettile" -> getTile(GetTileKvpReader.read(kvp));
                case "getfeatureinfo" -> getFeatureInfo(WmtsFeatureInfoRequest.read(kvp));
                default -> throw new ShikongException(OgcCode.OPERATION_NOT_SUPPORTED, "Request", "WMTS has no "
                        + "operation '" + request + "' (GetCapabilities, GetTile, GetFeatureInfo)");
            };
        } catch (ShikongException e) {
            throw WmtsExceptions.translate(e);
        }
    }

    /** A RESTful request: the path below the public base URL, e.g. {@code /wmts/1.0.0/WMTSCapabilities.xml}. */
    public OwsResponse rest(String path) {
        try {
            WmtsPaths.Resource resource = WmtsPaths.parse(path);
            if (resource instanceof WmtsPaths.Tile t) {
                return getTile(t.request());
            }
            if (resource instanceof WmtsPaths.FeatureInfo f) {
                return getFeatureInfo(f.request());
            }
            return capabilities();
        } catch (ShikongException e) {
            throw WmtsExceptions.translate(e);
        }
    }

    public OwsResponse capabilities() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new WmtsCapabilitiesWriter(catalog, store, crsService, tiles.sets(), projection, layerStyles, caller, baseUrl,
                kvpUrl).write(out);
        return OwsResponse.of("application/xml", out.toByteArray());
    }

    /** A tile, with its ETag. */
    public OwsResponse getTile(GetTileRequest r) {
        try {
            Checked c = check(r);
            Tile tile = tiles.tile(new TileRequest(List.of(c.layer().name()), null, c.set().id(), c.matrix().zoom(),
                    r.col(), r.row(), r.format(), c.time(), caller));
            return new OwsResponse(tile.mediaType(), Chunks.of(tile.body()), tile.etag());
        } catch (ShikongException e) {
            throw WmtsExceptions.translate(e);
        }
    }

    /** The features under a pixel of a tile, as WMS GetFeatureInfo answers them. */
    public OwsResponse getFeatureInfo(WmtsFeatureInfoRequest r) {
        try {
            Checked c = check(r.tile());
            return new WmtsFeatureInfoHandler(store, crsService, projection).handle(r, c.layer(), c.set(), c.matrix(),
                    c.time(), caller);
        } catch (ShikongException e) {
            throw WmtsExceptions.translate(e);
        }
    }

    /** What a tile request names, checked: the layer for the caller, the style, the set, the matrix and the tile. */
    private record Checked(LayerDefinition layer, TileMatrixSet set, TileMatrix matrix, Instant time) {
    }

    private Checked check(GetTileRequest r) {
        LayerDefinition layer = catalog.layer(r.layer(), caller);
        if (r.style() != null && !r.style().equals(layer.name())) {
            throw new InvalidParameterException("Style", "图层 '" + layer.name() + "' 没有样式 '" + r.style()
                    + "' layer '" + layer.name() + "' has no style '" + r.style() + "'; its style: default");
        }
        TileMatrixSet set = tiles.sets().get(r.matrixSet());
        TileMatrix matrix = set.matrix(r.matrix()).orElseThrow(() -> new InvalidParameterException("TileMatrix",
                "瓦片矩阵集 " + set.id() + " 没有矩阵 '" + r.matrix() + "' tile matrix set " + set.id()
                        + " has no tile matrix '" + r.matrix() + "' (" + set.matrices().get(0).id() + ".."
                        + set.matrices().get(set.matrices().size() - 1).id() + ")"));
        if (r.row() < 0 || r.row() >= matrix.matrixHeight()) {
            throw new TileOutOfRangeException("TileRow", "瓦片行号越界 TileRow " + r.row() + " is outside tile matrix "
                    + matrix.id() + " of " + set.id() + " (0.." + (matrix.matrixHeight() - 1) + ")");
        }
        if (r.col() < 0 || r.col() >= matrix.matrixWidth()) {
            throw new TileOutOfRangeException("TileCol", "瓦片列号越界 TileCol " + r.col() + " is outside tile matrix "
                    + matrix.id() + " of " + set.id() + " (0.." + (matrix.matrixWidth() - 1) + ")");
        }
        // a layer without valid time looks the same at every instant: one tile, one cache entry
        return new Checked(layer, set, matrix, layer.temporal() ? r.time() : null);
    }
}
