package io.shikong.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The server's log configuration ({@code src/main/resources/logback.xml}, read here into a context of its
 * own: the tests log with a logback-test.xml) masks an API key given in a URL.
 */
class LogMaskingTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "OGC GET /wms?SERVICE=WMS&apikey=sk_secret123&REQUEST=GetMap failed|OGC GET /wms?SERVICE=WMS&apikey=***&REQUEST=GetMap failed",
        "GET /wfs?APIKEY=sk_secret123|GET /wfs?APIKEY=***",
        "url \"http://h/ows?apiKey=sk_secret123\" refused|url \"http://h/ows?apiKey=***\" refused",
    })
    void anApiKeyInALoggedUrlIsMasked(String message, String logged) throws Exception {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(Path.of("src/main/resources/logback.xml").toFile());
        try {
            Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            OutputStreamAppender<?> appender = (OutputStreamAppender<?>) root.getAppender("STDOUT");
            PatternLayoutEncoder encoder = (PatternLayoutEncoder) appender.getEncoder();
            LoggingEvent event = new LoggingEvent(Logger.class.getName(), root, Level.ERROR, message, null, null);
            String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
            assertThat(line).as(encoder.getPattern()).contains(logged).doesNotContain("sk_secret123");
        } finally {
            context.stop();
        }
    }
}
