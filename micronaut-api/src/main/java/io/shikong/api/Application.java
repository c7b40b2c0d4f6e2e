package io.shikong.api;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.servers.Server;

/** Starts Shikong: the HTTP layer and composition root of every module. */
@OpenAPIDefinition(
        info = @Info(title = "shikong", version = "1.0",
                description = "Shikong spatio-temporal information service: layers, features with valid time "
                        + "and history, spatial queries. Features are RFC 7946 GeoJSON; errors are "
                        + "application/problem+json."),
        servers = @Server(url = "/"))
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
