package io.shikong.api.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.annotation.Nullable;

/**
 * The service configuration ({@code shikong.*} in application.yml, or environment variables such as
 * {@code SHIKONG_STORE_KIND}).
 *
 * @param catalog        path of the layer catalog YAML; empty = the sample catalog
 * @param publicUrl      base URL clients reach the service at (behind a proxy); empty = from the request
 * @param store          which store, and where
 * @param samples        whether to load the sample data into an empty store at start; unset = only for
 *                       the embedded store (a production PostGIS never gets the synthetic city by default)
 * @param samplesSeed    seed of the sample generator
 * @param maxLimit       largest page a client may ask for
 * @param defaultLimit   page size when the client names none
 * @param users          users for HTTP Basic authentication: {@code name:password:role+role,...}
 * @param wfsCountDefault WFS features per response when the client names no COUNT (CountDefault)
 * @param wfsMaxCount    the largest WFS COUNT a client may ask for (responses stream)
 * @param wmsMaxSize     WMS maps may have at most this squared pixels (WIDTH×HEIGHT)
 */
@ConfigurationProperties("shikong")
public record ShikongConfiguration(
        @Nullable String catalog,
        @Nullable String publicUrl,
        Store store,
        @Nullable Boolean samples,
        @Bindable(defaultValue = "20261124") long samplesSeed,
        @Bindable(defaultValue = "10000") int maxLimit,
        @Bindable(defaultValue = "100") int defaultLimit,
        @Nullable String users,
        @Bindable(defaultValue = "10000") int wfsCountDefault,
        @Bindable(defaultValue = "1000000") int wfsMaxCount,
        @Bindable(defaultValue = "4096") int wmsMaxSize) {

    /**
     * @param kind     {@code embedded} (default) or {@code postgis}
     * @param file     embedded database file, without the {@code .mv.db} suffix
     * @param url      PostGIS JDBC URL
     * @param user     PostGIS user
     * @param password PostGIS password
     * @param poolSize connection pool size
     */
    @ConfigurationProperties("store")
    public record Store(
            @Bindable(defaultValue = "embedded") String kind,
            @Bindable(defaultValue = "data/shikong") String file,
            @Bindable(defaultValue = "jdbc:postgresql://127.0.0.1:5432/shikong") String url,
            @Bindable(defaultValue = "shikong") String user,
            @Bindable(defaultValue = "shikong") String password,
            @Bindable(defaultValue = "16") int poolSize) {
    }
}
