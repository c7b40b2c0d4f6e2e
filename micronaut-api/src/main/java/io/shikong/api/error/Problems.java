package io.shikong.api.error;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;

/** Builds {@link Problem} bodies. */
public final class Problems {

    public static final String PROBLEM_JSON_VALUE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.of(PROBLEM_JSON_VALUE);

    private Problems() {
    }

    public static Problem problem(int status, String code, String detail, String parameter) {
        String title = HttpStatus.valueOf(status).getReason();
        return new Problem("https://shikong.io/problems/" + (code == null ? "error" : code), title, status, detail,
                parameter, code);
    }
}
