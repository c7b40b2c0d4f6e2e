package io.shikong.api.rest;

import io.micronaut.http.HttpRequest;
import io.shikong.api.config.ShikongConfiguration;
import jakarta.inject.Singleton;

/**
 * The base URL links are built on: the configured public URL (behind a proxy), else the request's
 * {@code Host}, so that links work for the client that asked.
 */
@Singleton
public class BaseUrl {

    private final String configured;

    public BaseUrl(ShikongConfiguration config) {
        String url = config.service().publicUrl();
        this.configured = url == null || url.isBlank() ? null : url.replaceAll("/+$", "");
    }

    public String of(HttpRequest<?> request) {
        if (configured != null) {
            return configured;
        }
        String host = request.getHeaders().get("Host");
        if (host == null || host.isBlank() || !host.matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
            host = request.getServerAddress().getHostString() + ":" + request.getServerAddress().getPort();
        }
        String proto = request.getHeaders().get("X-Forwarded-Proto");
        return ("https".equalsIgnoreCase(proto) ? "https" : "http") + "://" + host;
    }
}
