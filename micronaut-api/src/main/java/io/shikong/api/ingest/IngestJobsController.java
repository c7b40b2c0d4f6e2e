package io.shikong.api.ingest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.multipart.StreamingFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.shikong.api.config.ShikongConfiguration;
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
import io.shikong.ingest.IngestReport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Loads over REST, for data stewards (role {@value IngestJobs#DATA_STEWARD}) and administrators: a job
 * loads an uploaded file ({@code multipart/form-data}, part {@code file}; a zipped Shapefile as one
 * {@code .zip}; the parameters as query parameters) or a file under the import directory
 * ({@code shikong.ingest.import-dir}; JSON {@code {"path": ..., "layer": ...}}), with the parameters of
 * {@code shikong ingest}. The job runs in the background ({@link IngestJobs}); its resource tells its
 * state, progress, counts and rejects. Anonymous callers get 401, others without the role 403.
 */
@Controller("/api/v1/ingest/jobs")
@Tag(name = "ingest")
@ExecuteOn(TaskExecutors.BLOCKING)
public class IngestJobsController {

    private static final String PROBLEM = Problems.PROBLEM_JSON_VALUE;

    private final IngestJobs jobs;
    private final ShikongConfiguration.Ingest config;
    private final BaseUrl baseUrl;

    public IngestJobsController(IngestJobs jobs, ShikongConfiguration config, BaseUrl baseUrl) {
        this.jobs = jobs;
        this.config = config.ingest();
        this.baseUrl = baseUrl;
    }

    /**
     * A load of a file under the import directory.
     *
     * @param path       the file, relative to {@code shikong.ingest.import-dir}
     * @param layer      the target layer
     * @param crs        the source CRS; the file's when absent
     * @param key        the source field holding feature ids; the layer's id attribute when absent
     * @param snapshot   the file is the whole layer (absent features closed)
     * @param dryRun     validate and count, write nothing
     * @param validFrom  ISO 8601 instant the versions are valid from; now when absent
     * @param encoding   CSV/DBF encoding; detected when absent
     * @param repair     repair invalid geometries
     * @param maxRejects rejects tolerated (0 when absent)
     * @param mapping    source field → layer attribute; names matched when absent
     */
    @Serdeable
    @Schema(name = "IngestJobRequest")
    public record IngestJobRequest(String path, String layer, @Nullable String crs, @Nullable String key,
                                   @Nullable Boolean snapshot, @Nullable Boolean dryRun, @Nullable String validFrom,
                                   @Nullable String encoding, @Nullable Boolean repair, @Nullable Long maxRejects,
                                   @Nullable Map<String, String> mapping) {
    }

    /** Where a job stands: the pass ({@code validate}: bytes of the file; {@code load}: features) and its numbers. */
    @Serdeable
    @Schema(name = "IngestProgress")
    public record Progress(@Nullable String phase, long records, long done, long total) {
    }

    /** What a finished job did. */
    @Serdeable
    @Schema(name = "IngestCounts")
    public record Counts(long read, long rejected, long inserted, long changed, long unchanged, long closed) {
    }

    /** One record left out. */
    @Serdeable
    @Schema(name = "IngestReject")
    public record RejectDoc(String file, String location, @Nullable String field, String reason) {
    }

    /** A job. */
    @Serdeable
    @Schema(name = "IngestJob")
    public record JobDoc(String id, String layer, String file, String owner,
                         @Schema(allowableValues = {"queued", "running", "done", "failed"}) String state,
                         @Nullable @Schema(allowableValues = {"loaded", "dry_run", "stopped", "failed"}) String outcome,
                         boolean dryRun, boolean snapshot, Progress progress, @Nullable Counts counts,
                         @Nullable String sourceCrs, @Nullable String error, List<RejectDoc> rejects,
                         List<String> unmappedFields, String created, @Nullable String started,
                         @Nullable String finished, List<Link> links) {
    }

    /** The jobs. */
    @Serdeable
    @Schema(name = "IngestJobList")
    public record JobList(List<JobDoc> jobs) {
    }

    // its own path: one operation per path and method keeps the OpenAPI document (and the generated client) simple
    @Post(value = "/upload", consumes = MediaType.MULTIPART_FORM_DATA, produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "uploadIngestJob", summary = "Load an uploaded file into a layer (data_steward, admin)",
            description = "multipart/form-data with the file in part 'file' (GeoJSON, GeoJSON Lines, CSV, GeoPackage, "
                    + "FlatGeobuf, or a zipped Shapefile); the parameters in the query. The job runs in the background.")
    @ApiResponse(responseCode = "202", description = "the queued job",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobDoc.class)))
    @ApiResponse(responseCode = "400", description = "bad parameters", content = @Content(mediaType = PROBLEM,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "401", description = "no credentials", content = @Content(mediaType = PROBLEM,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "403", description = "not a data steward", content = @Content(mediaType = PROBLEM,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "413", description = "over shikong.ingest.max-upload-size", content = @Content(mediaType = PROBLEM,
            schema = @Schema(implementation = Problem.class)))
    public HttpResponse<JobDoc> upload(HttpRequest<?> request, @Part("file") org.reactivestreams.Publisher<StreamingFileUpload> upload,
                                       @QueryValue @Nullable String layer, @QueryValue @Nullable String crs,
                                       @QueryValue @Nullable String key, @QueryValue @Nullable Boolean snapshot,
                                       @QueryValue @Nullable Boolean dryRun, @QueryValue @Nullable String validFrom,
                                       @QueryValue @Nullable String encoding, @QueryValue @Nullable Boolean repair,
                                       @QueryValue @Nullable Long maxRejects,
                                       @Parameter(description = "JSON object: source field → layer attribute")
                                       @QueryValue @Nullable String mapping,
                                       @Parameter(hidden = true) Caller caller) throws IOException {
        crossSiteForm(request);
        steward(caller);
        long length = request.getHeaders().contentLength().orElse(-1L);
        if (length > config.maxUploadSize()) {
            throw tooLarge();
        }
        IngestParameters p = parameters(layer, crs, key, snapshot, dryRun, validFrom, encoding, repair, maxRejects);
        if (p.layer() == null || p.layer().isBlank()) {
            throw new MissingParameterException("layer");
        }
        StreamingFileUpload file = reactor.core.publisher.Mono.from(upload).block();
        if (file == null) {
            throw new MissingParameterException("file");
        }
        String name = fileName(file.getFilename());
        Path dir = Files.createTempDirectory(jobs.workDirectory(), "upload");
        try {
            Path target = dir.resolve(name);
            long copied = 0;
            try (InputStream in = file.asInputStream(); OutputStream out = Files.newOutputStream(target)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    copied += n;
                    if (copied > config.maxUploadSize()) {
                        throw tooLarge();
                    }
                    out.write(buf, 0, n);
                }
            }
            Path mappingFile = null;
            if (mapping != null && !mapping.isBlank()) {
                mappingFile = Files.writeString(dir.resolve("mapping.json"), mapping, StandardCharsets.UTF_8);
            }
            return accepted(request, jobs.submit(target, name, dir, mappingFile, p, caller));
        } catch (IOException | RuntimeException e) {
            IngestJobs.deleteQuietly(dir);
            throw e;
        }
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "createIngestJob", summary = "Load a file of the import directory into a layer (data_steward, admin)",
            description = "The path is relative to shikong.ingest.import-dir; paths leaving it (.., symbolic links) are refused.")
    @ApiResponse(responseCode = "202", description = "the queued job",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobDoc.class)))
    @ApiResponse(responseCode = "400", description = "bad parameters, or a path outside the import directory",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "401", description = "no credentials", content = @Content(mediaType = PROBLEM,
            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "403", description = "not a data steward", content = @Content(mediaType = PROBLEM,
            schema = @Schema(implementation = Problem.class)))
    public HttpResponse<JobDoc> create(HttpRequest<?> request, @Body IngestJobRequest body,
                                       @Parameter(hidden = true) Caller caller) throws IOException {
        steward(caller);
        Path file = importFile(body.path());
        IngestParameters p = parameters(body.layer(), body.crs(), body.key(), body.snapshot(), body.dryRun(),
                body.validFrom(), body.encoding(), body.repair(), body.maxRejects());
        Path dir = null;
        Path mappingFile = null;
        if (body.mapping() != null && !body.mapping().isEmpty()) {
            dir = Files.createTempDirectory(jobs.workDirectory(), "job");
            StringBuilder yaml = new StringBuilder();
            body.mapping().forEach((s, t) -> yaml.append(quote(s)).append(": ").append(quote(t)).append('\n'));
            mappingFile = Files.writeString(dir.resolve("mapping.yml"), yaml, StandardCharsets.UTF_8);
        }
        try {
            return accepted(request, jobs.submit(file, body.path(), dir, mappingFile, p, caller));
        } catch (IOException | RuntimeException e) {
            if (dir != null) {
                IngestJobs.deleteQuietly(dir);
            }
            throw e;
        }
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "listIngestJobs", summary = "The load jobs, oldest first (data_steward, admin)")
    @ApiResponse(responseCode = "200", description = "the jobs",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobList.class)))
    public HttpResponse<JobList> list(HttpRequest<?> request, @Parameter(hidden = true) Caller caller) {
        steward(caller);
        String base = baseUrl.of(request);
        return JsonResponses.ok(new JobList(jobs.list().stream().map(j -> doc(j, base)).toList()));
    }

    @Get(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getIngestJob", summary = "A load job: state, progress, counts and rejects (data_steward, admin)")
    @ApiResponse(responseCode = "200", description = "the job",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobDoc.class)))
    @ApiResponse(responseCode = "404", description = "no such job",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<JobDoc> get(HttpRequest<?> request, @PathVariable String id, @Parameter(hidden = true) Caller caller) {
        steward(caller);
        IngestJob job = jobs.find(id).orElseThrow(() -> new ShikongException(OgcCode.NOT_FOUND, "id",
                "没有该载入任务 / no ingest job '" + id + "'"));
        return JsonResponses.ok(doc(job, baseUrl.of(request)));
    }

    private HttpResponse<JobDoc> accepted(HttpRequest<?> request, IngestJob job) {
        JobDoc doc = doc(job, baseUrl.of(request));
        return HttpResponse.<JobDoc>accepted().body(doc).header(HttpHeaders.LOCATION, URI.create(doc.links().get(0).href()).toString());
    }

    /** The file of the import directory a job names; anything that leaves the directory is a 400. */
    Path importFile(String path) throws IOException {
        if (path == null || path.isBlank()) {
            throw new MissingParameterException("path");
        }
        Path root = config.importPath().orElseThrow(() -> new InvalidParameterException("path",
                "未配置导入目录，只能上传文件 / no import directory is configured (shikong.ingest.import-dir): upload the file"));
        Path rootReal = root.toRealPath();
        Path asked = Path.of(path);
        boolean dotted = false;
        for (Path part : asked) {
            dotted |= part.toString().equals("..");
        }
        if (asked.isAbsolute() || dotted) {
            throw outside(path);
        }
        Path resolved = rootReal.resolve(asked).normalize();
        if (!resolved.startsWith(rootReal)) {
            throw outside(path);
        }
        if (!Files.exists(resolved, LinkOption.NOFOLLOW_LINKS) && !Files.exists(resolved)) {
            throw new InvalidParameterException("path", "导入目录中没有该文件 / no such file in the import directory: " + path);
        }
        Path real = resolved.toRealPath();
        if (!real.startsWith(rootReal)) {
            throw outside(path);
        }
        if (!Files.isRegularFile(real)) {
            throw new InvalidParameterException("path", "不是文件 / not a file: " + path);
        }
        return real;
    }

    private static InvalidParameterException outside(String path) {
        return new InvalidParameterException("path", "路径须在导入目录之内 / the path must be inside the import directory "
                + "(relative, no '..', no symbolic link leading out): " + path);
    }

    private ShikongException tooLarge() {
        return new ShikongException(OgcCode.NO_APPLICABLE_CODE, 413, "file", "上传文件超过上限 " + config.maxUploadSize()
                + " 字节 / the upload is larger than " + config.maxUploadSize() + " bytes (shikong.ingest.max-upload-size); "
                + "put large files in the import directory and name their path", null);
    }

    private static IngestParameters parameters(String layer, String crs, String key, Boolean snapshot, Boolean dryRun,
                                               String validFrom, String encoding, Boolean repair, Long maxRejects) {
        return new IngestParameters(layer, crs, key, Boolean.TRUE.equals(snapshot), Boolean.TRUE.equals(dryRun), validFrom,
                encoding, Boolean.TRUE.equals(repair), maxRejects == null ? 0 : maxRejects);
    }

    /** The last name of an upload, without directories, never empty. */
    static String fileName(String sent) {
        String n = sent == null ? "" : sent.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1).strip();
        if (n.isEmpty() || n.equals(".") || n.equals("..")) {
            throw new InvalidParameterException("file", "上传文件需要文件名（用于识别格式）/ the upload needs a file name "
                    + "(its extension tells the format)");
        }
        return n;
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * A multipart body is what an HTML form on any web site can send, and a browser adds the Basic credentials
     * it holds for this server to it: a forged load for a signed-in data steward (CSRF). So an upload that a
     * browser marks as coming from another site ({@code Sec-Fetch-Site: cross-site}, or an {@code Origin}
     * other than this server's own) may not be authenticated by browser-held Basic credentials; an API key or a
     * bearer token (which a form cannot send) or a same-site page may upload. CLI clients send no Origin.
     */
    static void crossSiteForm(HttpRequest<?> request) {
        String auth = request.getHeaders().get("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            return;
        }
        String site = request.getHeaders().get("Sec-Fetch-Site");
        String origin = request.getHeaders().get("Origin");
        boolean crossSite = "cross-site".equalsIgnoreCase(site);
        if (!crossSite && origin != null) {
            String host = request.getHeaders().get("Host");
            try {
                URI o = URI.create(origin.trim());
                String authority = o.getRawAuthority();
                crossSite = "null".equals(origin.trim()) || authority == null || host == null
                        || !authority.equalsIgnoreCase(host.trim());
            } catch (IllegalArgumentException e) {
                crossSite = true;
            }
        }
        if (crossSite) {
            throw new AccessDeniedException("Origin", "跨站表单上传不能使用浏览器保存的 Basic 凭据 / an upload from another "
                    + "site (Origin " + (origin == null ? "-" : origin) + ") may not use browser-held Basic credentials "
                    + "(cross-site request forgery); send an API key (X-API-Key) or a bearer token");
        }
    }

    private static void steward(Caller caller) {
        if (caller.anonymous()) {
            throw new ShikongException(OgcCode.NO_APPLICABLE_CODE, 401, "caller",
                    "载入需要登录 / loading needs credentials (a user with role data_steward)", null);
        }
        if (!IngestJobs.mayLoad(caller)) {
            throw new AccessDeniedException("caller", "载入仅限数据管理员 / loads are for data stewards (role data_steward) "
                    + "and administrators");
        }
    }

    static JobDoc doc(IngestJob job, String base) {
        IngestReport r = job.report();
        Counts counts = r == null ? null : new Counts(r.read(), r.rejected(), r.counts().inserted(), r.counts().changed(),
                r.counts().unchanged(), r.counts().closed());
        List<RejectDoc> rejects = r == null ? List.of() : r.rejects().stream()
                .map(x -> new RejectDoc(x.file(), x.location(), x.field(), x.reason())).toList();
        return new JobDoc(job.id(), job.layer(), job.file(), job.owner(), job.state().label(),
                r == null ? null : r.status().name().toLowerCase(java.util.Locale.ROOT), job.parameters().dryRun(),
                job.parameters().snapshot(),
                new Progress(job.phase() == null ? null : job.phase().name().toLowerCase(java.util.Locale.ROOT), job.records(),
                        job.bytes(), job.totalBytes()),
                counts, r == null ? null : r.sourceCrs(), job.error(), rejects,
                r == null ? List.of() : r.unmappedFields(), job.created().toString(),
                job.started() == null ? null : job.started().toString(),
                job.finished() == null ? null : job.finished().toString(),
                List.of(new Link(base + "/api/v1/ingest/jobs/" + job.id(), "self", MediaType.APPLICATION_JSON, "本任务 / this job")));
    }
}
