package io.shikong.api.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.shikong.api.config.ShikongConfiguration;
import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.params.Params;
import io.shikong.ingest.read.ReadOptions;
import io.shikong.ingest.read.SourceFormat;
import io.shikong.ingest.read.SourceReadException;
import io.shikong.ingest.read.SourceReader;
import io.shikong.ingest.read.SourceReaders;
import io.shikong.ingest.read.SourceRecord;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.io.geojson.GeoJsonWriter;

/**
 * {@code POST /web/footprints?name=site.zip&crs=GCJ02}: a footprint file uploaded on the web page, read on the
 * server because a browser has no reader for it (a zipped Shapefile), or read here as well so that every upload
 * takes one path (GeoJSON, a CSV of coordinates); KML the page reads itself and sends as GeoJSON.
 *
 * <p>The answer is a GeoJSON FeatureCollection in CRS84 (the page draws it and sends it to the red-line check
 * unchanged), one feature per footprint, with {@code sourceCrs} and {@code format}. The coordinates are in the
 * CRS the file declares (a Shapefile's {@code .prj}), else in {@code crs} (CGCS2000 {@code EPSG:4490}, WGS 84,
 * {@code GCJ02}, {@code BD09}, a Gauss-Krüger zone; default CRS84). A CSV whose rows are points (longitude and
 * latitude columns, with or without a header) is one polygon through them in order. Anything unreadable, empty,
 * not a polygon or over {@code shikong.red-line.max-footprints} footprints is a 400 problem+json saying why,
 * in Chinese and English; nothing is stored.
 */
@Controller("/web/footprints")
@Hidden
@ExecuteOn(TaskExecutors.BLOCKING)
public class FootprintUploadController {

    private static final List<String> EXTENSIONS = List.of("zip", "shp", "geojson", "json", "csv", "txt");
    private static final GeometryFactory GF = new GeometryFactory();

    private final CrsService crsService;
    private final JsonMapper json;
    private final int maxFootprints;
    private final int maxVertices;

    public FootprintUploadController(CrsService crsService, JsonMapper json, ShikongConfiguration config) {
        this.crsService = crsService;
        this.json = json;
        this.maxFootprints = config.redLine().maxFootprints();
        this.maxVertices = config.redLine().maxVertices();
    }

    @Post(consumes = {MediaType.APPLICATION_OCTET_STREAM, "application/zip", "application/geo+json", MediaType.APPLICATION_JSON,
            "text/csv", MediaType.TEXT_PLAIN}, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> parse(@Body byte[] body, @Nullable @QueryValue String name, @Nullable @QueryValue String crs) {
        if (body == null || body.length == 0) {
            throw new InvalidParameterException("file", "上传的文件是空的 the uploaded file is empty");
        }
        String ext = extension(name);
        Crs chosen = crs == null || crs.isBlank() ? null : Params.crs(crsService, crs, "crs", null);
        Path dir = null;
        try {
            dir = Files.createTempDirectory("shikong-footprint");
            Path file = dir.resolve("upload." + ext);
            Files.write(file, "csv".equals(ext) || "txt".equals(ext) ? withHeader(body)
                    : "geojson".equals(ext) || "json".equals(ext) ? asCollection(body) : body);
            SourceFormat format = SourceFormat.detect(file).orElseThrow();
            List<Geometry> geometries = new ArrayList<>();
            Crs source;
            try (SourceReader reader = SourceReaders.open(file, format, ReadOptions.DEFAULTS)) {
                while (reader.hasNext()) {
                    SourceRecord r = reader.next();
                    if (r.problem() != null) {
                        throw new InvalidParameterException("file", "无法读取 " + r.location() + "：" + r.problem()
                                + " / cannot read " + r.location() + ": " + r.problem());
                    }
                    if (r.geometry() != null && !r.geometry().isEmpty()) {
                        geometries.add(r.geometry());
                    }
                    if (geometries.size() > Math.max(maxFootprints, 1) * 10 && format != SourceFormat.CSV) {
                        break;
                    }
                }
                source = source(format, reader, chosen);
            }
            List<Geometry> footprints = footprints(format, geometries);
            StringBuilder out = new StringBuilder("{\"type\":\"FeatureCollection\",\"format\":\"")
                    .append(format.name()).append("\",\"sourceCrs\":\"").append(source.code()).append("\",\"features\":[");
            GeoJsonWriter writer = new GeoJsonWriter(9);
            writer.setEncodeCRS(false);
            Crs crs84 = crsService.resolve("CRS84");
            for (int i = 0; i < footprints.size(); i++) {
                Geometry g = source.equals(crs84) ? footprints.get(i) : crsService.transform(footprints.get(i), source, crs84);
                out.append(i == 0 ? "" : ",").append("{\"type\":\"Feature\",\"properties\":{},\"geometry\":")
                        .append(writer.write(g)).append('}');
            }
            return HttpResponse.ok(out.append("]}").toString()).contentType(MediaType.APPLICATION_JSON_TYPE);
        } catch (SourceReadException e) {
            throw new InvalidParameterException("file", "无法读取上传的文件 the uploaded file cannot be read: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(dir);
        }
    }

    private static String extension(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT).strip();
        int dot = n.lastIndexOf('.');
        String ext = dot < 0 ? "" : n.substring(dot + 1);
        if (!EXTENSIONS.contains(ext)) {
            throw new InvalidParameterException("name", "不支持的文件类型 '" + ext + "'：请上传 GeoJSON、KML、压缩的 Shapefile（.zip）或坐标 CSV"
                    + " / unsupported file type '" + ext + "': upload GeoJSON, KML, a zipped Shapefile (.zip) or a CSV of coordinates");
        }
        return ext;
    }

    /** A CSV of bare coordinates ("123.4,41.8" per line) gets the header {@code x,y} the CSV reader looks for. */
    private static byte[] withHeader(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).replace("\uFEFF", "");
        String first = text.strip().lines().findFirst().orElse("");
        String cell = first.split("[,;\\t ]", 2)[0].strip();
        try {
            Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            return body;
        }
        String sep = first.contains(";") ? ";" : first.contains("\t") ? "\t" : ",";
        return ("x" + sep + "y\n" + text.strip() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A GeoJSON geometry or Feature as the FeatureCollection the GeoJSON reader takes; anything else as it is. */
    private byte[] asCollection(byte[] body) {
        String type;
        try {
            JsonNode root = json.readValue(body, JsonNode.class);
            JsonNode t = root.isObject() ? root.get("type") : null;
            type = t != null && t.isString() ? t.getStringValue() : null;
        } catch (IOException | RuntimeException e) {
            return body; // the reader says where it cannot be read
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if ("Feature".equals(type)) {
            return ("{\"type\":\"FeatureCollection\",\"features\":[" + text + "]}").getBytes(StandardCharsets.UTF_8);
        }
        if (type != null && !"FeatureCollection".equals(type)) {
            return ("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},\"geometry\":"
                    + text + "}]}").getBytes(StandardCharsets.UTF_8);
        }
        return body;
    }

    /** The file's own CRS when it declares one (a Shapefile's .prj), else the one chosen on the page, else CRS84. */
    private Crs source(SourceFormat format, SourceReader reader, Crs chosen) {
        if (format == SourceFormat.SHAPEFILE || chosen == null) {
            java.util.Optional<String> declared = reader.crs();
            if (declared.isPresent() && (format == SourceFormat.SHAPEFILE || chosen == null)) {
                return crsService.resolve(declared.get());
            }
        }
        return chosen == null ? crsService.resolve("CRS84") : chosen;
    }

    private List<Geometry> footprints(SourceFormat format, List<Geometry> geometries) {
        if (geometries.isEmpty()) {
            throw new InvalidParameterException("file", "文件中没有几何图形 the file holds no geometry");
        }
        List<Geometry> out;
        if (geometries.stream().allMatch(g -> g instanceof Point)) {
            // a CSV (or any file) of points: the vertices of one footprint, in order
            List<Coordinate> ring = new ArrayList<>(geometries.stream().map(Geometry::getCoordinate).toList());
            if (!ring.get(0).equals2D(ring.get(ring.size() - 1))) {
                ring.add(ring.get(0).copy());
            }
            if (ring.size() < 4) {
                throw new InvalidParameterException("file", "坐标点太少：一个范围至少需要 3 个点 too few coordinates: a footprint needs "
                        + "at least 3 points (" + geometries.size() + " read)");
            }
            out = List.of(GF.createPolygon(ring.toArray(Coordinate[]::new)));
        } else {
            out = geometries.stream().filter(g -> g instanceof Polygonal).toList();
            if (out.isEmpty()) {
                throw new InvalidParameterException("file", "文件中没有面（多边形）：范围必须是面 the file holds no polygon: a footprint must be an area ("
                        + geometries.get(0).getGeometryType() + " read)");
            }
        }
        if (out.size() > maxFootprints) {
            throw new InvalidParameterException("file", "范围太多：最多 " + maxFootprints + " 个 too many footprints: at most "
                    + maxFootprints + " (shikong.red-line.max-footprints)");
        }
        int vertices = out.stream().mapToInt(Geometry::getNumPoints).sum();
        if (vertices > maxVertices) {
            throw new InvalidParameterException("file", "顶点太多 too many vertices: " + vertices + ", at most " + maxVertices
                    + " (shikong.red-line.max-vertices)");
        }
        return out;
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
