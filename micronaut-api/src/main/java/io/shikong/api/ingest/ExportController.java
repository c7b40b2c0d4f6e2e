package io.shikong.api.ingest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.shikong.api.error.Problem;
import io.shikong.api.error.Problems;
import io.shikong.api.stream.ChunkPublisher;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.encode.Chunks;
import io.shikong.core.query.Query;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureStore;
import io.shikong.ingest.write.ExportFormat;
import io.shikong.ingest.write.Exporter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.reactivestreams.Publisher;

/**
 * {@code GET /api/v1/layers/{layer}/export?format=gpkg|fgb|geojson|csv&asOf=&filter=&crs=}: the layer's
 * features (current or as of an instant, filtered by ECQL with geometry literals in CRS84) as a file to
 * download, named {@code <layer>.<ext>} in Content-Disposition. GeoJSON, FlatGeobuf and CSV stream as they
 * are written; a GeoPackage (an SQLite database) is written to a temporary file first. The layer is seen as
 * everywhere: a restricted layer is a 404 to those who may not read it.
 */
@Controller("/api/v1/layers/{layer}/export")
@Tag(name = "layers")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ExportController {

    private final LayerCatalog catalog;
    private final FeatureStore store;
    private final CrsService crsService;
    private final IngestJobs jobs;

    public ExportController(LayerCatalog catalog, FeatureStore store, CrsService crsService, IngestJobs jobs) {
        this.catalog = catalog;
        this.store = store;
        this.crsService = crsService;
        this.jobs = jobs;
    }

    @Get(produces = {"application/geopackage+sqlite3", "application/flatgeobuf", "application/geo+json", "text/csv"})
    @Operation(operationId = "exportLayer", summary = "Download a layer as GeoPackage, FlatGeobuf, GeoJSON or CSV",
            description = "Current features, or as of an instant (asOf), optionally filtered (ECQL, geometry literals in "
                    + "CRS84), in the storage CRS or crs.")
    @ApiResponse(responseCode = "200", description = "the file")
    @ApiResponse(responseCode = "400", description = "bad format, asOf, filter or crs",
            content = @Content(mediaType = Problems.PROBLEM_JSON_VALUE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "no such layer (or not visible to the caller)",
            content = @Content(mediaType = Problems.PROBLEM_JSON_VALUE, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<Publisher<byte[]>> export(@PathVariable String layer,
                                                  @Parameter(description = "gpkg, fgb, geojson or csv") @QueryValue @Nullable String format,
                                                  @QueryValue @Nullable String asOf, @QueryValue @Nullable String filter,
                                                  @QueryValue @Nullable String crs,
                                                  @Parameter(hidden = true) Caller caller) throws IOException {
        LayerDefinition def = catalog.layer(layer, caller);
        ExportFormat f = LayerExport.format(format == null ? "geojson" : format);
        Crs out = LayerExport.crs(crsService, def, crs);
        Query query = LayerExport.query(crsService, def, caller, asOf, filter, out);
        Chunks chunks;
        if (f.needsFile()) {
            Path dir = Files.createTempDirectory(jobs.workDirectory(), "export");
            try {
                Path file = dir.resolve(def.name() + "." + f.extension());
                Exporter.export(store.read(query), Exporter.open(f, file, def, out, null), null);
                chunks = ExportChunks.file(file, dir);
            } catch (IOException | RuntimeException e) {
                IngestJobs.deleteQuietly(dir);
                throw e;
            }
        } else {
            chunks = ExportChunks.streamed(store.read(query), buffer -> {
                try {
                    return Exporter.open(f, buffer, def, out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return HttpResponse.ok(ChunkPublisher.publisher(chunks)).contentType(MediaType.of(f.mediaType()))
                .header("Content-Disposition", "attachment; filename=\"" + def.name() + "." + f.extension() + "\"");
    }
}
