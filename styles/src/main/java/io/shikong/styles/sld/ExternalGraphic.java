package io.shikong.styles.sld;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * A local raster image used as a point graphic or fill tile. Only two kinds of address exist, both
 * checked by the parser to exist and, for files, to lie under the configured graphics directory:
 * {@code classpath:path/in/jar.png} and {@code file:/absolute/path.png} (the parser resolves relative
 * references to this form). Nothing is ever fetched from the network.
 *
 * @param href {@code classpath:...} or an absolute {@code file:} URI
 * @param format one of {@link #FORMATS}
 */
public record ExternalGraphic(String href, String format) implements GraphicalSymbol {

    /** The image formats ImageIO reads without plug-ins. */
    public static final Set<String> FORMATS = Set.of("image/png", "image/jpeg", "image/gif");

    public ExternalGraphic {
        Objects.requireNonNull(href, "href");
        if (!href.startsWith("classpath:") && !href.startsWith("file:")) {
            throw new IllegalArgumentException("external graphic must be classpath: or file:, was " + href);
        }
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException("unsupported external graphic format " + format);
        }
    }

    /** Opens the image's bytes. */
    public InputStream open() throws IOException {
        if (href.startsWith("classpath:")) {
            InputStream in = ExternalGraphic.class.getClassLoader().getResourceAsStream(classpathResource());
            if (in == null) {
                throw new FileNotFoundException(href);
            }
            return in;
        }
        return Files.newInputStream(Path.of(URI.create(href)));
    }

    /** The resource name for a classpath graphic (without the scheme and a leading slash). */
    String classpathResource() {
        String r = href.substring("classpath:".length());
        return r.startsWith("/") ? r.substring(1) : r;
    }
}
