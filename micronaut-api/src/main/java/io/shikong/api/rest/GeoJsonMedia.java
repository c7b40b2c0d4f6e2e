package io.shikong.api.rest;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.context.ServerRequestContext;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The media type a GeoJSON answer is labelled with: {@code application/geo+json} (RFC 7946), or
 * {@code application/json} when that is what the client asked for (Java's HttpClient, most SDKs and the
 * generated client send {@code Accept: application/json}). Routes that answer GeoJSON produce both; the
 * body is the same.
 */
public final class GeoJsonMedia {

    public static final String GEOJSON = "application/geo+json";
    /** What GeoJSON routes declare they produce, preferred first. */
    public static final String[] PRODUCES = {GEOJSON, MediaType.APPLICATION_JSON};

    private GeoJsonMedia() {
    }

    /** The type for the request being served on this thread ({@code application/geo+json} without one). */
    public static MediaType current() {
        return ServerRequestContext.currentRequest().map(GeoJsonMedia::negotiate).orElse(MediaType.of(GEOJSON));
    }

    /**
     * The first of the request's acceptable types, by quality and then by order, that names one of ours
     * exactly; a wildcard ({@code *}{@code /*}, {@code application/*}) or no Accept header gets GeoJSON.
     */
    public static MediaType negotiate(HttpRequest<?> request) {
        List<MediaType> accepted = request.accept().stream()
                .sorted(Comparator.comparing(MediaType::getQualityAsNumber).reversed())
                .toList();
        for (MediaType m : accepted) {
            if (m.getQualityAsNumber().doubleValue() <= 0) {
                continue;
            }
            String name = m.getName().toLowerCase(Locale.ROOT);
            if (name.equals(GEOJSON)) {
                return MediaType.of(GEOJSON);
            }
            if (name.equals(MediaType.APPLICATION_JSON)) {
                return MediaType.APPLICATION_JSON_TYPE;
            }
            if (name.equals("*/*") || name.equals("application/*")) {
                return MediaType.of(GEOJSON);
            }
        }
        return MediaType.of(GEOJSON);
    }
}
