package io.shikong.api.tiles;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.shikong.api.config.ShikongConfiguration;
import io.shikong.api.error.Problem;
import io.shikong.api.error.Problems;
import io.shikong.api.rest.BaseUrl;
import io.shikong.api.rest.JsonResponses;
import io.shikong.api.rest.model.Link;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.CrsService;
import io.shikong.core.store.FeatureStore;
import io.shikong.styles.sld.LayerStyles;
import io.shikong.tiles.grid.TileMatrixSets;
import io.shikong.tiles.style.MapLibreStyle;
import io.shikong.tiles.style.TileJson;
import org.locationtech.jts.geom.Envelope;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.MissingParameterException;
import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import io.shikong.core.params.Params;
import io.shikong.core.security.Caller;
import io.shikong.tiles.Tile;
import io.shikong.tiles.TileFormat;
import io.shikong.tiles.TileOutOfRangeException;
import io.shikong.tiles.TileRequest;
import io.shikong.tiles.TileService;
import io.shikong.tiles.grid.TileMatrixSet;
import io.shikong.tiles.grid.TileMatrixSetJson;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * XYZ tiles and the tile matrix sets: {@code /tiles} (the sets), {@code /tiles/{tileMatrixSet}} (OGC 2DTMS
 * 2.0 JSON), {@code /tiles/{tileMatrixSet}/{z}/{x}/{y}.{ext}} (MVT, PNG, PNG8, JPEG of one or several
 * layers, now or as of an instant). A thin adapter of {@link TileService}: the request is read here, the
 * tile checked and made there, the HTTP caching ({@link TileResponses}) done here. Errors are problem+json:
 * an unknown set, a tile outside its matrix and an unknown or hidden layer 404, other bad input 400.
 */
@Controller("/tiles")
@Tag(name = "tiles")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TilesController {

    static final String MVT = "application/vnd.mapbox-vector-tile";
    /** The MapLibre style of the standard layers. */
    public static final String STANDARD = "standard";
    private static final String PROBLEM = Problems.PROBLEM_JSON_VALUE;

    private final TileService tiles;
    private final LayerCatalog catalog;
    private final FeatureStore store;
    private final CrsService crs;
    private final LayerStyles styles;
    private final BaseUrl baseUrl;
    private final ShikongConfiguration.Tiles config;

    public TilesController(TileService tiles, LayerCatalog catalog, FeatureStore store, CrsService crs, LayerStyles styles,
                           BaseUrl baseUrl, ShikongConfiguration config) {
        this.tiles = tiles;
        this.catalog = catalog;
        this.store = store;
        this.crs = crs;
        this.styles = styles;
        this.baseUrl = baseUrl;
        this.config = config.tiles();
    }

    /** The list of tile matrix sets. */
    @io.micronaut.serde.annotation.Serdeable
    @Schema(name = "TileMatrixSets")
    public record TileMatrixSetList(List<TileMatrixSetRef> tileMatrixSets, List<Link> links) {
    }

    /** A tile matrix set in the list: what it is and where its definition and tiles are. */
    @io.micronaut.serde.annotation.Serdeable
    @Schema(name = "TileMatrixSetRef")
    public record TileMatrixSetRef(String id, String title, @Nullable String uri, String crs, int minZoom, int maxZoom,
                                   String tileUrlTemplate, List<Link> links) {
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getTileMatrixSets", summary = "The tile matrix sets tiles are served in",
            description = "WebMercatorQuad, WorldCRS84Quad, CGCS2000Quad (Tianditu's 'c' set, EPSG:4490, levels 1-18) "
                    + "and WebMercatorQuadGCJ02 (Web Mercator of GCJ-02 coordinates, to overlay on Amap or Tencent base "
                    + "maps), each with its XYZ tile URL template.")
    public HttpResponse<TileMatrixSetList> sets(HttpRequest<?> request) {
        String base = baseUrl.of(request);
        List<TileMatrixSetRef> refs = new ArrayList<>();
        for (TileMatrixSet s : tiles.sets().all()) {
            String href = base + "/tiles/" + s.id();
            refs.add(new TileMatrixSetRef(s.id(), s.title(), s.uri(), s.crs().uri(), s.minZoom(), s.maxZoom(),
                    href + "/{z}/{x}/{y}.{mvt|png|png8|jpg}?layers={layers}",
                    List.of(new Link(href, "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme", MediaType.APPLICATION_JSON,
                                    "瓦片矩阵集定义 / the tile matrix set (OGC 2DTMS 2.0 JSON)"),
                            new Link(href + "/tilejson.json", "describedby", MediaType.APPLICATION_JSON,
                                    "TileJSON 3.0（layers= 选择图层）/ TileJSON 3.0 (layers= picks the layers)"))));
        }
        return JsonResponses.ok(new TileMatrixSetList(refs, List.of(
                new Link(base + "/tiles", "self", MediaType.APPLICATION_JSON, "本文档 / this document"),
                new Link(base + "/wmts/1.0.0/WMTSCapabilities.xml", "http://www.opengis.net/def/rel/ogc/1.0/service",
                        "application/xml", "WMTS 1.0.0 服务能力 / WMTS capabilities"))));
    }

    @Get(uri = "/{tileMatrixSet}", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getTileMatrixSet", summary = "A tile matrix set as OGC Two Dimensional Tile Matrix Set 2.0 JSON")
    @ApiResponse(responseCode = "200", description = "the 2DTMS document",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "404", description = "no such tile matrix set",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<byte[]> set(@PathVariable String tileMatrixSet) {
        TileMatrixSet set = matrixSet(tileMatrixSet);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TileMatrixSetJson.write(set, out);
        return HttpResponse.ok(out.toByteArray()).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Get(uri = "/{tileMatrixSet}/tilejson.json", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getTileJson", summary = "TileJSON 3.0 of the vector tiles of a layer or a group of layers",
            description = "layers=a,b names the layers of one tile (a group); absent, every layer you may see. Bounds are "
                    + "the layers' extent in longitude/latitude.")
    @ApiResponse(responseCode = "200", description = "the TileJSON document",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "404", description = "unknown tile matrix set or layer",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<byte[]> tileJson(HttpRequest<?> request, @PathVariable String tileMatrixSet,
                                         @Parameter(description = "layer names, comma-separated; all you may see when absent")
                                         @Nullable @QueryValue String layers,
                                         @Parameter(hidden = true) Caller caller) {
        TileMatrixSet set = matrixSet(tileMatrixSet);
        List<LayerDefinition> chosen = chosen(layers, caller);
        Envelope bounds = new Envelope();
        for (LayerDefinition l : chosen) {
            store.bounds(l.name(), caller).ifPresent(bounds::expandToInclude);
        }
        Envelope lonLat = bounds.isNull() ? null : crs.transform(bounds, crs.storage(), crs.resolve("CRS84"));
        byte[] doc = new TileJson(baseUrl.of(request), set).document(chosen, lonLat);
        return HttpResponse.ok(doc).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Get(uri = "/styles/{file}", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getMapLibreStyle", summary = "A MapLibre style (v8) drawing the vector tiles with the SLD styles' colours",
            description = "{file} is {name}.json: 'standard' for the six standard layers you may see, or a layer's name "
                    + "for that layer alone. tileMatrixSet is WebMercatorQuad (the default) or WebMercatorQuadGCJ02 (over "
                    + "Amap or Tencent base maps).")
    @ApiResponse(responseCode = "200", description = "the style",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "400", description = "a tile matrix set MapLibre cannot draw",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "no such style",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<byte[]> style(HttpRequest<?> request, @PathVariable String file,
                                      @Parameter(description = "WebMercatorQuad (default) or WebMercatorQuadGCJ02")
                                      @Nullable @QueryValue String tileMatrixSet,
                                      @Parameter(hidden = true) Caller caller) {
        String name = file.endsWith(".json") ? file.substring(0, file.length() - 5) : file;
        TileMatrixSet set = matrixSet(tileMatrixSet == null || tileMatrixSet.isBlank() ? TileMatrixSets.WEB_MERCATOR_QUAD
                : tileMatrixSet);
        List<LayerDefinition> layers;
        if (name.equals(STANDARD)) {
            layers = MapLibreStyle.standardLayers(catalog.layers(caller));
        } else {
            try {
                layers = List.of(catalog.layer(name, caller));
            } catch (ShikongException e) {
                throw new ShikongException(OgcCode.NOT_FOUND, 404, "style", "没有该样式 no style '" + name
                        + "': 'standard' or a layer's name", e);
            }
        }
        byte[] doc = new MapLibreStyle(styles, new TileJson(baseUrl.of(request), set), null).document(name, layers);
        return HttpResponse.ok(doc).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** The layers a TileJSON names: those of {@code layers=}, each visible to the caller, or every one it may see. */
    private List<LayerDefinition> chosen(String layers, Caller caller) {
        if (layers == null || layers.isBlank()) {
            List<LayerDefinition> all = catalog.layers(caller);
            if (all.isEmpty()) {
                throw new ShikongException(OgcCode.NOT_FOUND, 404, "layers", "没有可见图层 no layer is visible to you", null);
            }
            return all;
        }
        List<String> names = layers(layers);
        if (names.size() > config.maxLayers()) {
            throw new InvalidParameterException("layers", "图层过多 too many layers: " + names.size() + " (at most "
                    + config.maxLayers() + ")");
        }
        return names.stream().distinct().map(n -> catalog.layer(n, caller)).toList();
    }

    @Get(uri = "/{tileMatrixSet}/{z}/{x}/{file}", produces = MediaType.ALL)
    @Operation(operationId = "getTile", summary = "A tile: MVT of the layers, or a PNG/PNG8/JPEG map of them",
            description = "{file} is {y}.{ext}, ext one of mvt (or pbf), png, png8, jpg. Several layers give one MVT "
                    + "with a layer each, or one image drawn in order. asOf shows the city as it stood at an instant. "
                    + "Answers carry a strong ETag (If-None-Match gives 304) and Cache-Control (private for restricted "
                    + "layers); MVT is gzipped when the client accepts gzip.")
    @ApiResponse(responseCode = "200", description = "the tile", content = {
            @Content(mediaType = MVT, schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = MediaType.IMAGE_PNG, schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = MediaType.IMAGE_JPEG, schema = @Schema(type = "string", format = "binary"))})
    @ApiResponse(responseCode = "304", description = "not modified (If-None-Match)")
    @ApiResponse(responseCode = "400", description = "bad layers, style, asOf, zoom/column/row or extension",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "unknown tile matrix set or layer, or a tile outside the matrix",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public MutableHttpResponse<byte[]> tile(HttpRequest<?> request,
                                            @PathVariable String tileMatrixSet, @PathVariable String z, @PathVariable String x,
                                            @Parameter(description = "{y}.{ext}") @PathVariable String file,
                                            @Parameter(description = "layer names, comma-separated", required = true)
                                            @Nullable @QueryValue String layers,
                                            @Parameter(description = "ISO 8601 instant or date; the current state when absent")
                                            @Nullable @QueryValue String asOf,
                                            @Parameter(description = "style of raster tiles; each layer's default when absent")
                                            @Nullable @QueryValue String style,
                                            @Parameter(hidden = true) Caller caller) {
        TileRequest r = request(tiles, tileMatrixSet, z, x, file, layers, asOf, style, caller);
        Tile tile = tile(tiles, r, TileWritesAfterAnswer.of(request));
        return TileResponses.tile(request, tile.body(), tile.mediaType(), tile.etag(),
                cacheControl(catalog, r.layers(), r.asOf(), config), r.format().vector());
    }

    /**
     * The tile an XYZ request asks for, its values checked as this controller answers them: the extension, the
     * instant, the matrix set (404 when unknown) and the zoom, column and row as integers (the service checks the
     * rest). {@link TileFastPath} reads its requests with this too, so both answer the same request alike.
     */
    static TileRequest request(TileService tiles, String tileMatrixSet, String z, String x, String file,
                               String layers, String asOf, String style, Caller caller) {
        int dot = file.lastIndexOf('.');
        if (dot < 0) {
            throw new InvalidParameterException("format", "须有扩展名 the tile needs an extension: {y}.mvt, .pbf, .png, .png8 or .jpg");
        }
        TileFormat format = TileFormat.find(file.substring(dot + 1)).orElseThrow(() -> new InvalidParameterException("format",
                "未知的瓦片格式 unknown tile format '" + file.substring(dot + 1) + "': mvt, pbf, png, png8 or jpg"));
        List<String> names = layers(layers);
        Instant instant = asOf == null || asOf.isBlank() ? null : Params.instant(asOf, "asOf");
        TileMatrixSet set = matrixSet(tiles, tileMatrixSet);
        int zoom = (int) number(z, "z", Integer.MAX_VALUE);
        long col = number(x, "x", Long.MAX_VALUE);
        long row = number(file.substring(0, dot), "y", Long.MAX_VALUE);
        return new TileRequest(names, style, set.id(), zoom, col, row, format, instant, caller);
    }

    /**
     * A tile from the service, its refusals as XYZ answers them: a tile outside the matrix and an unknown
     * set are 404 (there is no such resource), the rest as the service says.
     */
    static Tile tile(TileService tiles, TileRequest request, java.util.function.Consumer<Runnable> afterAnswer) {
        try {
            return tiles.tile(request, afterAnswer);
        } catch (TileOutOfRangeException e) {
            throw new ShikongException(OgcCode.NOT_FOUND, 404, e.locator(), e.getMessage(), e);
        } catch (InvalidParameterException e) {
            if ("tileMatrixSet".equals(e.locator())) {
                throw new ShikongException(OgcCode.NOT_FOUND, 404, e.locator(), e.getMessage(), e);
            }
            throw e;
        }
    }

    /**
     * Cache-Control of a tile: {@code public} when anonymous callers may see every layer, else
     * {@code private} (shared caches must not hand a restricted tile to another client); max-age
     * {@code shikong.tiles.max-age} for the current state, {@code as-of-max-age} for a tile as of an instant.
     */
    public static String cacheControl(LayerCatalog catalog, List<String> layers, Instant asOf, ShikongConfiguration.Tiles config) {
        boolean open = true;
        for (String l : layers) {
            if (!catalog.visible(l, Caller.ANONYMOUS)) {
                open = false;
                break;
            }
        }
        return (open ? "public" : "private") + ", max-age=" + (asOf == null ? config.maxAge() : config.asOfMaxAge());
    }

    /** The {@code layers} parameter: required, comma-separated, names trimmed (the service checks the rest). */
    static List<String> layers(String value) {
        if (value == null || value.isBlank()) {
            throw new MissingParameterException("layers");
        }
        return Arrays.stream(value.split(",", -1)).map(String::trim).toList();
    }

    private TileMatrixSet matrixSet(String id) {
        return matrixSet(tiles, id);
    }

    private static TileMatrixSet matrixSet(TileService tiles, String id) {
        return tiles.sets().find(id).orElseThrow(() -> new ShikongException(OgcCode.NOT_FOUND, 404, "tileMatrixSet",
                "未知的瓦片矩阵集 unknown tile matrix set '" + id + "'; known: "
                        + String.join(", ", tiles.sets().all().stream().map(TileMatrixSet::id).toList()), null));
    }

    private static long number(String value, String locator, long max) {
        try {
            long n = Long.parseLong(value.trim());
            if (n > max) {
                throw new ShikongException(OgcCode.NOT_FOUND, 404, locator, locator + " " + value + " is outside the matrix", null);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(locator, locator + " 须为整数 must be an integer, was '" + value + "'", e);
        }
    }
}
