package io.shikong.api.rest.root;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.shikong.api.rest.BaseUrl;
import io.shikong.api.rest.JsonResponses;
import io.shikong.api.rest.model.Link;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** {@code /api/v1}: links to the layers, the OpenAPI document, the tiles and the OGC services, so the API is found by following links. */
@Controller("/api/v1")
@Tag(name = "root")
public class ApiRootController {

    /** Where the OpenAPI document is served (generated at build time by micronaut-openapi). */
    public static final String OPENAPI_PATH = "/swagger/shikong-1.0.yml";

    private final BaseUrl baseUrl;

    public ApiRootController(BaseUrl baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getApiRoot", summary = "Links to the API's resources and documents")
    public io.micronaut.http.HttpResponse<ApiRoot> root(HttpRequest<?> request) {
        String base = baseUrl.of(request);
        return JsonResponses.ok(new ApiRoot("时空 Shikong 时空信息云服务 API",
                "沈阳市时空数据中心：图层、带有效时间与历史的要素、空间分析、生态保护红线合规检查、行业查询 / "
                        + "Shenyang spatio-temporal data center: layers, features with valid time and history, spatial "
                        + "analysis, ecological red-line compliance checks, sector queries",
                List.of(
                        new Link(base + "/api/v1", "self", MediaType.APPLICATION_JSON, "本文档 / this document"),
                        new Link(base + OPENAPI_PATH, "service-desc", OpenApiDocumentController.YAML,
                                "OpenAPI 3 文档 (YAML) / the OpenAPI 3 definition (YAML)"),
                        new Link(base + "/swagger-ui/index.html", "service-doc", "text/html",
                                "REST API 文档（Swagger UI）/ the API's documentation (Swagger UI)"),
                        new Link(base + "/", "alternate", "text/html",
                                "网页：图层与时间、要素历史、红线检查 / the web page: layers through time, history, red-line checks"),
                        new Link(base + "/api/v1/layers", "data", MediaType.APPLICATION_JSON,
                                "图层 / the layers you may see"),
                        new Link(base + "/api/v1/redline/checks", "http://shikong.io/rel/redline-checks",
                                MediaType.APPLICATION_JSON, "生态保护红线合规检查 (POST) / red-line compliance checks (POST)"),
                        new Link(base + "/wfs?service=WFS&request=GetCapabilities", "http://www.opengis.net/def/rel/ogc/1.0/service",
                                "application/xml", "WFS 2.0 / 1.1 服务能力 / WFS capabilities"),
                        new Link(base + "/wms?service=WMS&request=GetCapabilities", "http://www.opengis.net/def/rel/ogc/1.0/service",
                                "text/xml", "WMS 1.3.0 / 1.1.1 服务能力 / WMS capabilities"),
                        new Link(base + "/tiles", "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector", MediaType.APPLICATION_JSON,
                                "瓦片矩阵集与 XYZ 瓦片（MVT、PNG、JPEG）/ tile matrix sets and XYZ tiles (MVT, PNG, JPEG)"),
                        new Link(base + "/tiles/WebMercatorQuad/tilejson.json", "describedby", MediaType.APPLICATION_JSON,
                                "TileJSON 3.0（矢量瓦片）/ TileJSON 3.0 of the vector tiles"),
                        new Link(base + "/tiles/styles/standard.json", "stylesheet", MediaType.APPLICATION_JSON,
                                "MapLibre 样式（标准图层）/ MapLibre style of the standard layers"),
                        new Link(base + "/wmts/1.0.0/WMTSCapabilities.xml", "http://www.opengis.net/def/rel/ogc/1.0/service",
                                "application/xml", "WMTS 1.0.0 服务能力 / WMTS capabilities"),
                        new Link(base + "/api/v1/tiles/jobs", "http://shikong.io/rel/tile-jobs", MediaType.APPLICATION_JSON,
                                "瓦片预生成与清除任务（管理员）/ tile seeding and truncating jobs (admin)"),
                        new Link(base + "/health", "status", MediaType.APPLICATION_JSON, "健康状态 / health"))));
    }
}
