package io.shikong.api.rest.redline;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.shikong.api.error.Problem;
import io.shikong.api.error.Problems;
import io.shikong.api.rest.BaseUrl;
import io.shikong.api.rest.model.Link;
import io.shikong.core.error.ShikongException;
import io.shikong.core.params.Params;
import io.shikong.core.redline.CheckReport;
import io.shikong.core.redline.StoredCheck;
import io.shikong.core.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.locationtech.jts.geom.Geometry;

/**
 * Ecological red-line compliance checks: run one, then get it back as JSON, as a PNG map or as a PDF
 * report, the same later whatever changed since (the check keeps its asOf and red-line version).
 */
@Controller("/api/v1/redline/checks")
@Tag(name = "redline")
@ExecuteOn(TaskExecutors.BLOCKING)
public class RedLineController {

    private static final String PROBLEM = Problems.PROBLEM_JSON_VALUE;

    private final RedLineService service;
    private final BaseUrl baseUrl;

    public RedLineController(RedLineService service, BaseUrl baseUrl) {
        this.service = service;
        this.baseUrl = baseUrl;
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "createRedLineCheck", summary = "Check footprints against the ecological red lines",
            description = "For each footprint: the verdict (clear, within_buffer, overlaps), every zone touched with "
                    + "its overlap in m² and the shares of footprint and zone, or the nearest zone and its distance. "
                    + "Areas and distances are metres in the CGCS2000 Gauss-Krüger zone of the footprint.")
    @ApiResponse(responseCode = "201", description = "the stored check",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RedLineCheckResponse.class)))
    @ApiResponse(responseCode = "400", description = "invalid, empty or absurd footprint, unknown CRS",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<RedLineCheckResponse> create(HttpRequest<?> request, @Body RedLineCheckRequest body,
                                                     @Parameter(hidden = true) Caller caller) {
        service.requireConfigured();
        service.catalog.layer(service.layer, caller); // a restricted red-line layer is checked only by those who may see it
        service.index.snapshot(); // fail early if the layer cannot be read
        List<Geometry> footprints = service.geometries.footprints(body.footprint(), body.wkt(), body.crs(), service.storage);
        Instant asOf = body.asOf() == null ? Instant.now().truncatedTo(ChronoUnit.MILLIS) : Params.instant(body.asOf(), "asOf");
        double buffer = body.bufferMeters() == null ? 0 : body.bufferMeters();
        CheckReport report = service.checker.check(footprints, buffer, asOf, Boolean.TRUE.equals(body.repair()));
        String id = UUID.randomUUID().toString();
        Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String requestJson = json(body);
        RedLineCheckResponse response = response(id, created, sha256(requestJson), report, baseUrl.of(request));
        service.checks.save(new StoredCheck(id, created, response.inputHash(), report.redLineVersion(), requestJson,
                json(response), repaired(report)));
        return HttpResponse.created(response, URI.create(response.links().get(0).href()));
    }

    @Get(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getRedLineCheck", summary = "A stored check, as it was reported")
    @ApiResponse(responseCode = "200", description = "the check",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RedLineCheckResponse.class)))
    @ApiResponse(responseCode = "404", description = "no such check",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<String> get(@PathVariable String id, @Parameter(hidden = true) Caller caller) {
        service.catalog.layer(service.layer, caller);
        return HttpResponse.ok(stored(id).report()).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Get(uri = "/{id}/map.png", produces = MediaType.IMAGE_PNG)
    @Operation(operationId = "getRedLineCheckMap", summary = "The map of a check: footprints, zones, overlaps, scale bar, legend")
    @ApiResponse(responseCode = "200", description = "PNG",
            content = @Content(mediaType = MediaType.IMAGE_PNG, schema = @Schema(type = "string", format = "binary")))
    public HttpResponse<byte[]> map(@PathVariable String id,
                                    @Parameter(schema = @Schema(type = "integer", minimum = "64", maximum = "2048")) @Nullable @QueryValue String width,
                                    @Parameter(schema = @Schema(type = "integer", minimum = "64", maximum = "2048")) @Nullable @QueryValue String height,
                                    @Parameter(hidden = true) Caller caller) {
        service.catalog.layer(service.layer, caller);
        StoredCheck check = stored(id);
        int w = Params.integer(width, "width", 800, 64, 2048);
        int h = Params.integer(height, "height", 600, 64, 2048);
        return HttpResponse.ok(png(check, w, h)).contentType(MediaType.IMAGE_PNG_TYPE);
    }

    @Get(uri = "/{id}/report.pdf", produces = "application/pdf")
    @Operation(operationId = "getRedLineCheckReport", summary = "The PDF report of a check: the table and the map")
    @ApiResponse(responseCode = "200", description = "PDF",
            content = @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")))
    public HttpResponse<byte[]> pdf(@PathVariable String id, @Parameter(hidden = true) Caller caller) {
        service.catalog.layer(service.layer, caller);
        StoredCheck check = stored(id);
        RedLineCheckResponse r = read(check.report(), RedLineCheckResponse.class);
        return HttpResponse.ok(RedLinePdf.pdf(r, png(check, 1000, 700))).contentType(MediaType.of("application/pdf"));
    }

    private byte[] png(StoredCheck check, int width, int height) {
        RedLineCheckResponse report = read(check.report(), RedLineCheckResponse.class);
        List<Geometry> footprints;
        if (check.footprints() != null) {
            // repaired when the check ran: drawn as kept, never repaired again
            footprints = parts(check.footprints());
        } else {
            RedLineCheckRequest request = read(check.request(), RedLineCheckRequest.class);
            footprints = service.geometries.footprints(request.footprint(), request.wkt(), request.crs(), service.storage);
            if (Boolean.TRUE.equals(request.repair())) {
                // a check kept before repaired footprints were kept with it: repaired within the same bounds
                footprints = footprints.stream().map(service.checker::repaired).toList();
            }
        }
        return RedLineMap.png(service, footprints, report, Instant.parse(report.asOf()), width, height);
    }

    /** The footprints as checked, WKT, when one of them was repaired; {@code null} when all were checked as sent. */
    private static String repaired(CheckReport report) {
        if (report.footprints().stream().noneMatch(CheckReport.FootprintResult::repaired)) {
            return null;
        }
        org.locationtech.jts.geom.GeometryFactory gf = new org.locationtech.jts.geom.GeometryFactory();
        return new org.locationtech.jts.io.WKTWriter(2).write(gf.createGeometryCollection(report.footprints().stream()
                .map(CheckReport.FootprintResult::checked).toArray(Geometry[]::new)));
    }

    private static List<Geometry> parts(String wkt) {
        try {
            Geometry all = new org.locationtech.jts.io.WKTReader().read(wkt);
            return java.util.stream.IntStream.range(0, all.getNumGeometries()).mapToObj(all::getGeometryN).toList();
        } catch (org.locationtech.jts.io.ParseException e) {
            throw new IllegalStateException("a stored check's footprints are not WKT", e);
        }
    }

    private StoredCheck stored(String id) {
        service.requireConfigured();
        return service.checks.find(id).orElseThrow(() -> new ShikongException(io.shikong.core.error.OgcCode.NOT_FOUND, "id",
                "no red-line check '" + id + "'", null));
    }

    private static RedLineCheckResponse response(String id, Instant created, String hash, CheckReport r, String base) {
        String self = base + "/api/v1/redline/checks/" + id;
        List<RedLineCheckResponse.Footprint> footprints = r.footprints().stream().map(f -> new RedLineCheckResponse.Footprint(
                f.index(), f.verdict(), round(f.areaM2()), f.repaired(), f.note(),
                f.zones().stream().map(z -> new RedLineCheckResponse.Zone(z.id(), z.version(), z.name(), z.category(),
                        z.protectionLevel(), round(z.overlapM2()), z.shareOfFootprint(), z.shareOfZone(), round(z.distanceM()))).toList(),
                f.nearest() == null ? null : new RedLineCheckResponse.Nearest(f.nearest().id(), f.nearest().name(),
                        f.nearest().category(), round(f.nearest().distanceM())))).toList();
        return new RedLineCheckResponse(id, created.toString(), hash, r.method(), r.asOf().toString(),
                r.redLineVersion() == null ? null : r.redLineVersion().toString(), r.zonesInForce(), r.bufferMeters(),
                footprints, List.of(new Link(self, "self", "application/json", null),
                new Link(self + "/map.png", "map", "image/png", null),
                new Link(self + "/report.pdf", "report", "application/pdf", null)));
    }

    /** Millimetre precision: more digits would be noise. */
    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private String json(Object o) {
        try {
            return service.json.writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(String s, Class<T> type) {
        try {
            return service.json.readValue(s, io.micronaut.core.type.Argument.of(type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
