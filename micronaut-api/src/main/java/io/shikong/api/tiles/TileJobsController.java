package io.shikong.api.tiles;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.shikong.api.error.Problem;
import io.shikong.api.error.Problems;
import io.shikong.api.rest.BaseUrl;
import io.shikong.api.rest.JsonResponses;
import io.shikong.api.rest.model.Link;
import io.shikong.core.error.AccessDeniedException;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.MissingParameterException;
import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import io.shikong.core.security.Caller;
import io.shikong.tiles.TileFormat;
import io.shikong.tiles.seed.SeedJob;
import io.shikong.tiles.seed.SeedJobs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Seeding and truncating jobs of the tile cache, for administrators ({@code admin} role): create one, list
 * them, follow one's progress, cancel one. Jobs run one at a time in the background and survive restarts
 * ({@link SeedJobs}); without a cache ({@code shikong.tiles.cache-dir} empty) there are none and creating
 * one is a 409.
 */
@Controller("/api/v1/tiles/jobs")
@Tag(name = "tiles")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TileJobsController {

    private static final String PROBLEM = Problems.PROBLEM_JSON_VALUE;

    private final Optional<SeedJobs> jobs;
    private final BaseUrl baseUrl;

    public TileJobsController(Optional<SeedJobs> jobs, BaseUrl baseUrl) {
        this.jobs = jobs;
        this.baseUrl = baseUrl;
    }

    /**
     * A job to create.
     *
     * @param kind          {@code seed} (the default) or {@code truncate}
     * @param layers        layer names; one tile holds them all, as {@code layers=a,b} of the XYZ tiles
     * @param style         style of raster tiles; each layer's default when absent
     * @param tileMatrixSet tile matrix set ({@code WebMercatorQuad}, {@code CGCS2000Quad}, …)
     * @param minZoom       first zoom
     * @param maxZoom       last zoom (included)
     * @param bbox          west, south, east, north in degrees (CRS84 on CGCS2000); the layers' extent when absent
     * @param format        {@code mvt} (the default), {@code png}, {@code png8} or {@code jpg}
     */
    @Serdeable
    @Schema(name = "TileJobRequest")
    public record TileJobRequest(@Nullable String kind, List<String> layers, @Nullable String style, String tileMatrixSet,
                                 int minZoom, int maxZoom, @Nullable List<Double> bbox, @Nullable String format) {
    }

    /** A job and where it stands. */
    @Serdeable
    @Schema(name = "TileJob")
    public record TileJob(String id, String kind, List<String> layers, @Nullable String style, String tileMatrixSet,
                          int minZoom, int maxZoom, List<Double> bbox, String format,
                          @Schema(allowableValues = {"queued", "running", "done", "failed", "cancelled"}) String state,
                          long done, long total, @Nullable String error, String created, @Nullable String started,
                          @Nullable String finished, List<Link> links) {
    }

    /** The jobs. */
    @Serdeable
    @Schema(name = "TileJobList")
    public record TileJobList(List<TileJob> jobs) {
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "createTileJob", summary = "Seed or truncate the tile cache (admin)",
            description = "Queues a job over layers, a tile matrix set, a zoom range and an area; it runs in the "
                    + "background, one job at a time, and resumes after a restart.")
    @ApiResponse(responseCode = "201", description = "the queued job",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TileJob.class)))
    @ApiResponse(responseCode = "400", description = "bad layers, set, zoom range, area or format, or too many tiles",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "403", description = "not an administrator",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "no tile cache is configured",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<TileJob> create(HttpRequest<?> request, @Body TileJobRequest body,
                                        @Parameter(hidden = true) Caller caller) {
        admin(caller);
        SeedJobs j = jobs();
        SeedJob job = j.submit(spec(body), caller);
        TileJob doc = doc(job, baseUrl.of(request));
        return HttpResponse.created(doc, URI.create(doc.links().get(0).href()));
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "listTileJobs", summary = "The seeding and truncating jobs, oldest first (admin)")
    @ApiResponse(responseCode = "200", description = "the jobs",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TileJobList.class)))
    public HttpResponse<TileJobList> list(HttpRequest<?> request, @Parameter(hidden = true) Caller caller) {
        admin(caller);
        String base = baseUrl.of(request);
        return JsonResponses.ok(new TileJobList(jobs.map(SeedJobs::list).orElse(List.of()).stream()
                .map(job -> doc(job, base)).toList()));
    }

    @Get(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getTileJob", summary = "A job and its progress (admin)")
    @ApiResponse(responseCode = "200", description = "the job",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TileJob.class)))
    @ApiResponse(responseCode = "404", description = "no such job",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<TileJob> get(HttpRequest<?> request, @PathVariable String id, @Parameter(hidden = true) Caller caller) {
        admin(caller);
        return JsonResponses.ok(doc(found(id).get(id), baseUrl.of(request)));
    }

    @Delete(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "cancelTileJob", summary = "Cancel a queued or running job (admin); the tiles made stay cached")
    @ApiResponse(responseCode = "200", description = "the job, cancelled (or as it ended, when it had)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TileJob.class)))
    @ApiResponse(responseCode = "404", description = "no such job",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<TileJob> cancel(HttpRequest<?> request, @PathVariable String id, @Parameter(hidden = true) Caller caller) {
        admin(caller);
        return JsonResponses.ok(doc(found(id).cancel(id), baseUrl.of(request)));
    }

    /** The job specification of a request body (shared with the command line). */
    static SeedJobs.Spec spec(TileJobRequest body) {
        if (body.layers() == null || body.layers().isEmpty()) {
            throw new MissingParameterException("layers");
        }
        if (body.tileMatrixSet() == null || body.tileMatrixSet().isBlank()) {
            throw new MissingParameterException("tileMatrixSet");
        }
        SeedJob.Kind kind;
        String k = body.kind() == null ? "seed" : body.kind().trim().toLowerCase(Locale.ROOT);
        switch (k) {
            case "seed" -> kind = SeedJob.Kind.SEED;
            case "truncate" -> kind = SeedJob.Kind.TRUNCATE;
            default -> throw new InvalidParameterException("kind", "任务类型须为 seed 或 truncate / kind must be 'seed' or 'truncate', not '" + k + "'");
        }
        SeedJob.Area area = null;
        if (body.bbox() != null) {
            if (body.bbox().size() != 4 || body.bbox().contains(null)) {
                throw new InvalidParameterException("bbox", "bbox 须为四个数 / bbox must be four numbers: west, south, east, north");
            }
            area = new SeedJob.Area(body.bbox().get(0), body.bbox().get(1), body.bbox().get(2), body.bbox().get(3));
        }
        TileFormat format = body.format() == null ? TileFormat.MVT : TileFormat.find(body.format()).orElseThrow(() ->
                new InvalidParameterException("format", "未知的瓦片格式 unknown tile format '" + body.format() + "': mvt, png, png8 or jpg"));
        return new SeedJobs.Spec(kind, body.layers(), body.style(), body.tileMatrixSet(), body.minZoom(), body.maxZoom(), area, format);
    }

    static TileJob doc(SeedJob job, String base) {
        SeedJob.Area a = job.area();
        return new TileJob(job.id(), job.kind().label(), job.layers(), job.style(), job.matrixSet(), job.minZoom(),
                job.maxZoom(), List.of(a.west(), a.south(), a.east(), a.north()), job.format().extension, job.state().label(),
                job.done(), job.total(), job.error(), job.created().toString(),
                job.started() == null ? null : job.started().toString(), job.finished() == null ? null : job.finished().toString(),
                List.of(new Link(base + "/api/v1/tiles/jobs/" + job.id(), "self", MediaType.APPLICATION_JSON, "本任务 / this job")));
    }

    private static void admin(Caller caller) {
        if (!caller.hasRole(Caller.ADMIN)) {
            throw new AccessDeniedException("caller", "瓦片任务仅限管理员 / tile jobs are for administrators (role admin)");
        }
    }

    private SeedJobs jobs() {
        return jobs.orElseThrow(() -> new ShikongException(OgcCode.CONFLICT, 409, "shikong.tiles.cache-dir",
                "未配置瓦片缓存，无任务可运行 / no tile cache is configured (shikong.tiles.cache-dir), so there is nothing to seed", null));
    }

    private SeedJobs found(String id) {
        return jobs.filter(j -> j.find(id).isPresent()).orElseThrow(() -> new ShikongException(OgcCode.NOT_FOUND, "id",
                "没有该任务 / no tile job '" + id + "'"));
    }
}
