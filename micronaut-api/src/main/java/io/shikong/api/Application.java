package io.shikong.api;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.servers.Server;

/** Starts Shikong: the HTTP layer and composition root of every module (or a tile job, a load or an export from the command line). */
@OpenAPIDefinition(
        info = @Info(title = "shikong", version = "1.0",
                description = "Shikong spatio-temporal information service: layers, features with valid time "
                        + "and history, spatial queries. Features are RFC 7946 GeoJSON; errors are "
                        + "application/problem+json."),
        servers = @Server(url = "/"))
public final class Application {

    private Application() {
    }

    /**
     * Starts the server; {@code tiles seed|truncate ...} runs a tile job instead (the beans without the HTTP
     * server, the same configuration) and exits with its status ({@link io.shikong.api.tiles.TilesCommand}), as do
     * {@code ingest FILE --layer L ...} ({@link io.shikong.api.ingest.IngestCommand}) and {@code export --layer L
     * ...} ({@link io.shikong.api.ingest.ExportCommand}), and {@code hash-password}
     * ({@link io.shikong.api.security.HashPasswordCommand}).
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("tiles")) {
            System.exit(io.shikong.api.tiles.TilesCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("ingest")) {
            System.exit(io.shikong.api.ingest.IngestCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("hash-password")) {
            System.exit(io.shikong.api.security.HashPasswordCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("export")) {
            System.exit(io.shikong.api.ingest.ExportCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        Micronaut.run(Application.class, args);
    }
}
