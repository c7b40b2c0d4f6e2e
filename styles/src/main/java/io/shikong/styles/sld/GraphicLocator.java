package io.shikong.styles.sld;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Turns an ExternalGraphic's {@code xlink:href} into a checked local address. A style is user input
 * (SLD_BODY): a reference to the network would make the server fetch arbitrary URLs, and a file
 * reference could read any file, so only two forms pass, and only when the image exists:
 * {@code classpath:} resources, and files under the configured graphics directory (as a relative path
 * or a {@code file:} URI). Symbolic links are resolved before the directory check.
 */
final class GraphicLocator {

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*", Pattern.DOTALL);

    private final Path directory;

    /** @param directory the graphics directory, null when only classpath graphics are allowed */
    GraphicLocator(Path directory) {
        this.directory = directory;
    }

    /** The {@code classpath:} or absolute {@code file:} address, or null after reporting the problem. */
    String locate(String href, Consumer<String> problem) {
        if (SCHEME.matcher(href).matches()) {
            String scheme = href.substring(0, href.indexOf(':')).toLowerCase(Locale.ROOT);
            if (scheme.equals("classpath")) {
                return classpath(href, problem);
            }
            if (!scheme.equals("file")) {
                problem.accept("external graphic '" + href + "' refused: only local files and classpath: resources are "
                        + "allowed (no network access)");
                return null;
            }
            try {
                return file(Path.of(URI.create(href)), href, problem);
            } catch (IllegalArgumentException e) {
                problem.accept("external graphic '" + href + "' is not a valid absolute file: URI");
                return null;
            }
        }
        if (directory == null) {
            problem.accept("external graphic '" + href + "' refused: no graphics directory is configured");
            return null;
        }
        try {
            return file(directory.resolve(href), href, problem);
        } catch (java.nio.file.InvalidPathException e) {
            problem.accept("external graphic '" + href + "' is not a valid path");
            return null;
        }
    }

    private static String classpath(String href, Consumer<String> problem) {
        String resource = href.substring("classpath:".length());
        resource = resource.startsWith("/") ? resource.substring(1) : resource;
        if (resource.isEmpty() || resource.contains("..") || resource.contains("\\")) {
            problem.accept("external graphic '" + href + "' is not a valid classpath resource name");
            return null;
        }
        if (GraphicLocator.class.getClassLoader().getResource(resource) == null) {
            problem.accept("external graphic '" + href + "' not found on the classpath");
            return null;
        }
        return "classpath:" + resource;
    }

    private String file(Path path, String href, Consumer<String> problem) {
        if (directory == null) {
            problem.accept("external graphic '" + href + "' refused: no graphics directory is configured");
            return null;
        }
        try {
            Path root = directory.toRealPath();
            Path real = path.toAbsolutePath().normalize();
            if (!real.startsWith(root) && !real.startsWith(directory.toAbsolutePath().normalize())) {
                problem.accept("external graphic '" + href + "' refused: outside the graphics directory");
                return null;
            }
            if (!Files.isRegularFile(real)) {
                problem.accept("external graphic '" + href + "' not found in the graphics directory");
                return null;
            }
            real = real.toRealPath();
            if (!real.startsWith(root)) {
                problem.accept("external graphic '" + href + "' refused: outside the graphics directory");
                return null;
            }
            return real.toUri().toString();
        } catch (IOException e) {
            problem.accept("external graphic '" + href + "' cannot be read: " + e.getMessage());
            return null;
        }
    }
}
