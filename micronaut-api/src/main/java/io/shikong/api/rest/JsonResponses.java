package io.shikong.api.rest;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;

/**
 * JSON answers labelled {@code application/json} in the registered lower case. Left to itself, Micronaut
 * echoes the client's spelling of the matching Accept type ({@code Accept: Application/JSON} came back as
 * {@code Content-Type: Application/JSON}), which clients comparing strictly then refuse.
 */
public final class JsonResponses {

    private JsonResponses() {
    }

    public static <T> HttpResponse<T> ok(T body) {
        return HttpResponse.ok(body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
