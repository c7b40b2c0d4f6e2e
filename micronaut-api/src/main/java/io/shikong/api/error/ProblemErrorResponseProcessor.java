package io.shikong.api.error;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.exceptions.response.HateoasErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Makes Micronaut's own errors (no route, wrong method, unreadable body, unconvertible argument)
 * problem+json like ours, instead of its default error format.
 */
@Singleton
@Replaces(HateoasErrorResponseProcessor.class)
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        int status = response.code();
        String detail = context.getErrors().isEmpty() ? response.reason() : context.getErrors().get(0).getMessage();
        String parameter = context.getErrors().isEmpty() ? null : context.getErrors().get(0).getPath().orElse(null);
        String code = status == 404 ? "NotFound" : status == 405 ? "OperationNotSupported"
                : status >= 500 ? "NoApplicableCode" : "InvalidParameterValue";
        if (status >= 500) {
            detail = "internal error; the service log has the details";
            parameter = null;
        }
        return response.contentType(Problems.PROBLEM_JSON).body(Problems.problem(status, code, detail, parameter));
    }
}
