package io.shikong.api.ows;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import io.shikong.ows.ErrorContext;
import io.shikong.ows.OwsDispatcher;
import io.shikong.ows.OwsExceptionReport;
import io.shikong.ows.wfs.WfsVersion;
import io.shikong.ows.wms.WmsExceptions;
import io.shikong.ows.wms.WmsVersion;
import io.shikong.styles.encode.ImageEncoder;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error on an OGC endpoint as the OGC service would report it, whatever failed (our handlers,
 * Micronaut's routing, an unsupported body type, a body too large, bad credentials) and whatever the
 * client's {@code Accept} header says: WMS errors as its EXCEPTIONS parameter asks (XML report, message in
 * the image, blank image), everything else as an OWS {@code ExceptionReport}. Never problem+json there.
 */
public final class OwsErrors {

    private static final Logger LOG = LoggerFactory.getLogger(OwsErrors.class);

    private OwsErrors() {
    }

    /** Whether the path is one of the OGC endpoints or below one ({@code /ows}, {@code /wfs}, {@code /wms}, {@code /wmts}). */
    public static boolean isOgcPath(String path) {
        return path != null && (is(path, "/ows") || is(path, "/wfs") || is(path, "/wms") || is(path, "/wmts"));
    }

    private static boolean is(String path, String endpoint) {
        return path.equals(endpoint) || path.startsWith(endpoint + "/");
    }

    /**
     * The report of {@code e} for a request whose parameters may not have been read (or may be unreadable):
     * the service and version are judged from the raw parameters and the path, never by throwing.
     */
    public static MutableHttpResponse<byte[]> report(HttpRequest<?> request, ShikongException e) {
        return report(e, OwsDispatcher.errorContext(request.getPath(), request.getParameters().asMap()));
    }

    /** The report of {@code e} in the context the dispatcher (or {@link OwsDispatcher#errorContext}) gave. */
    public static MutableHttpResponse<byte[]> report(ShikongException e, ErrorContext context) {
        if (context.isWmts()) {
            return wmts(e);
        }
        if (context.isWms()) {
            return wms(e, WmsVersion.negotiate(context.version()), context.exceptions(), context.format(),
                    context.width(), context.height(), context.transparent());
        }
        return wfs(e, WfsVersion.of(context.version()));
    }

    /** An OWS exception report of a WFS (or service-neutral) error. */
    public static MutableHttpResponse<byte[]> wfs(ShikongException e, WfsVersion version) {
        if (OwsExceptionReport.status(e) == 500) {
            LOG.error("OGC request failed", e);
        }
        byte[] report = OwsExceptionReport.xml(e, version.v2(), version.number).getBytes(StandardCharsets.UTF_8);
        return HttpResponse.<byte[]>status(HttpStatus.valueOf(OwsExceptionReport.status(e)))
                .contentType(MediaType.APPLICATION_XML_TYPE).body(report);
    }

    /** An OWS 1.1 exception report of a WMTS 1.0.0 error (TileOutOfRange, InvalidParameterValue, …). */
    public static MutableHttpResponse<byte[]> wmts(ShikongException e) {
        int status = io.shikong.ows.wmts.WmtsExceptions.status(e);
        if (status >= 500 && status != 501) {
            LOG.error("WMTS request failed", e);
        }
        byte[] report = io.shikong.ows.wmts.WmtsExceptions.xml(e).getBytes(StandardCharsets.UTF_8);
        return HttpResponse.<byte[]>status(HttpStatus.valueOf(status)).contentType(MediaType.APPLICATION_XML_TYPE).body(report);
    }

    /** A WMS error in the EXCEPTIONS mode asked for; an image only for a GetMap-like request with a FORMAT. */
    public static MutableHttpResponse<byte[]> wms(ShikongException e, WmsVersion v, String exceptions, String format,
                                                  String width, String height, String transparent) {
        WmsExceptions.Mode mode = WmsExceptions.mode(exceptions);
        ImageEncoder.Format imageFormat = format == null ? null : ImageEncoder.Format.of(format);
        if (mode != WmsExceptions.Mode.XML && imageFormat != null && e.status() < 500) {
            var img = WmsExceptions.image(e, safeSize(width), safeSize(height), "true".equalsIgnoreCase(transparent),
                    Color.WHITE, mode);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                ImageEncoder.write(img, imageFormat, Color.WHITE, out);
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
            return HttpResponse.ok(out.toByteArray()).contentType(MediaType.of(imageFormat.mime));
        }
        if (e.status() == 500) {
            LOG.error("WMS request failed", e);
        }
        byte[] report = WmsExceptions.xml(e, v).getBytes(StandardCharsets.UTF_8);
        // an unknown layer (404 in the core) is a 400 LayerNotDefined in WMS; an unknown path stays a 404
        return HttpResponse.<byte[]>status(HttpStatus.valueOf(WmsExceptions.status(e)))
                .contentType(WmsExceptions.xmlType(v)).body(report);
    }

    /** A size for an exception image: the requested one when sane, else 256. */
    private static int safeSize(String value) {
        try {
            int n = Integer.parseInt(value.trim());
            return n >= 1 && n <= 2048 ? n : 256;
        } catch (RuntimeException e) {
            return 256;
        }
    }

    /** The OGC exception code for an HTTP status Micronaut produced before any OGC code ran. */
    public static ShikongException fromStatus(int status, String detail) {
        String message = detail == null || detail.isBlank() ? HttpStatus.valueOf(status).getReason() : detail;
        return switch (status) {
            case 404 -> new ShikongException(OgcCode.NOT_FOUND, "request",
                    "no such OGC resource; the OGC endpoints are /ows, /wfs, /wms and /wmts with KVP parameters or an XML body, "
                            + "and WMTS's RESTful paths below /wmts/1.0.0");
            case 405 -> new ShikongException(OgcCode.OPERATION_NOT_SUPPORTED, 405, "request",
                    "method not allowed here: use GET with KVP parameters or POST with an XML document", null);
            case 413 -> new ShikongException(OgcCode.OPERATION_PROCESSING_FAILED, 413, "request",
                    "request body too large: " + message, null);
            case 415 -> new ShikongException(OgcCode.INVALID_PARAMETER_VALUE, 415, "Content-Type",
                    "a POST to an OGC endpoint is an XML document (text/xml or application/xml): " + message, null);
            case 401 -> new ShikongException(OgcCode.NO_APPLICABLE_CODE, 401, null, message, null);
            default -> {
                String text = message.toLowerCase(Locale.ROOT).contains("exception")
                        ? HttpStatus.valueOf(status).getReason() : message;
                // any other 4xx keeps its status in the report (see OwsExceptionReport.status)
                yield status >= 500 ? new ShikongException(OgcCode.NO_APPLICABLE_CODE, null, text)
                        : new ShikongException(OgcCode.INVALID_PARAMETER_VALUE, status, null, text, null);
            }
        };
    }
}
