package io.shikong.api.error;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An RFC 9457 problem: what went wrong, for which parameter.
 *
 * @param type      a URI naming the problem kind
 * @param title     short summary
 * @param status    HTTP status
 * @param detail    what exactly was wrong and, where possible, what is allowed
 * @param parameter the request parameter or property at fault, if any
 * @param code      the OGC exception code of the same error
 */
@Serdeable
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(String type, String title, int status, @Nullable String detail, @Nullable String parameter,
                      @Nullable String code) {
}
