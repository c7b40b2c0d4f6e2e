package io.shikong.api.rest.root;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.exceptions.HttpStatusException;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI document generated at build time, served as {@code application/yaml} (RFC 9512). Micronaut's
 * static resources would label a {@code .yml} file {@code text/plain}, which some tools refuse to read as
 * YAML. Any {@code Accept} header gets it: the document has one representation.
 */
@Controller
@Hidden
public class OpenApiDocumentController {

    static final String YAML = "application/yaml";
    private static final String RESOURCE = "META-INF/swagger/shikong-1.0.yml";

    private final byte[] document;

    public OpenApiDocumentController() {
        try (InputStream in = OpenApiDocumentController.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            this.document = in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get(uri = ApiRootController.OPENAPI_PATH, produces = MediaType.ALL)
    public HttpResponse<byte[]> document() {
        if (document == null) {
            throw new HttpStatusException(io.micronaut.http.HttpStatus.NOT_FOUND, "the OpenAPI document was not generated");
        }
        return HttpResponse.ok(document).contentType(MediaType.of(YAML + ";charset=utf-8"));
    }
}
