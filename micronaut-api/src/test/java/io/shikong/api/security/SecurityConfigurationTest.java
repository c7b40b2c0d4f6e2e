package io.shikong.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.shikong.core.security.Caller;
import io.shikong.core.security.PasswordHash;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code shikong.security.*} refused at start when wrong, naming the key (and never the secret), the users
 * and keys checked against their hashes, and {@code shikong hash-password}.
 */
class SecurityConfigurationTest {

    static final String HASH = PasswordHash.hash("pw".toCharArray(), PasswordHash.MIN_ITERATIONS);

    static Throwable refusal(Map<String, Object> props) {
        Map<String, Object> p = new HashMap<>(props);
        p.put("shikong.store.kind", "embedded");
        p.put("shikong.store.file", "target/security-config/never-opened");
        try (ApplicationContext ctx = ApplicationContext.run(p)) {
            ctx.getBean(SecurityConfiguration.class);
            return null;
        } catch (RuntimeException e) {
            Throwable t = e;
            while (t.getCause() != null && !(t instanceof io.shikong.core.catalog.CatalogConfigurationException)) {
                t = t.getCause();
            }
            return t;
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "plain-text password|shikong.security.users|alice:s3cret:editor|shikong.security.users",
        "plain-text key|shikong.security.api-keys|ci:sk_plain:editor|shikong.security.api-keys",
        "cheap hash|shikong.security.users|alice:pbkdf2-sha256$100$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA:editor|shikong.security.users",
        "anonymous user|shikong.security.users|anonymous:HASH:admin|shikong.security.users",
        "no secret|shikong.security.users|alice::admin|shikong.security.users",
        "audience without issuer|shikong.security.jwt.audience|shikong|shikong.security.jwt.issuer",
        "short secret|shikong.security.jwt.secret|short|shikong.security.jwt.issuer",
        "bad realm|shikong.security.realm|a\"b|shikong.security.realm",
        "tiny audit|shikong.security.audit.max-entries|10|shikong.security.audit.max-entries",
    })
    void aBadValueStopsTheStartNamingItsKey(String what, String key, String value, String named) {
        Throwable t = refusal(Map.of(key, value.replace("HASH", HASH)));
        assertThat(t).as(what).isNotNull();
        assertThat(t.getMessage()).as(what).contains(named).doesNotContain("s3cret").doesNotContain("sk_plain");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no audience|https://idp.test|''|https://idp.test/certs|''|shikong.security.jwt.audience",
        "no keys|https://idp.test|shikong|''|''|shikong.security.jwt.jwks-url",
        "both keys|https://idp.test|shikong|https://idp.test/certs|0123456789abcdef0123456789abcdef|shikong.security.jwt.jwks-url",
        "file URL|https://idp.test|shikong|file:///etc/jwks.json|''|shikong.security.jwt.jwks-url",
        "short secret|https://idp.test|shikong|''|short|shikong.security.jwt.secret",
    })
    void anIncompleteJwtConfigurationIsRefused(String what, String issuer, String audience, String url, String secret, String named) {
        Throwable t = refusal(Map.of("shikong.security.jwt.issuer", issuer, "shikong.security.jwt.audience", audience,
                "shikong.security.jwt.jwks-url", url, "shikong.security.jwt.secret", secret));
        assertThat(t).as(what).isNotNull();
        assertThat(t.getMessage()).as(what).contains(named);
    }

    @Test
    void usersAndKeysAreCheckedAgainstTheirHashesAndTheDeprecatedListStillWorks() {
        String key = "sk_test_key";
        Map<String, Object> p = new HashMap<>();
        p.put("shikong.store.kind", "embedded");
        p.put("shikong.store.file", "target/security-config/never-opened");
        p.put("shikong.security.users", "alice:" + HASH + ":editor+pipelines");
        p.put("shikong.security.api-keys", "ci:" + PasswordHash.hash(key.toCharArray(), PasswordHash.MIN_ITERATIONS) + ":admin");
        p.put("shikong.users", "bob:plain:viewer");
        try (ApplicationContext ctx = ApplicationContext.run(p)) {
            UserDirectory users = ctx.getBean(UserDirectory.class);
            assertThat(users.authenticate("alice", "pw")).contains(Caller.of("alice", "editor", "pipelines"));
            assertThat(users.authenticate("alice", "pw")).as("remembered").contains(Caller.of("alice", "editor", "pipelines"));
            assertThat(users.authenticate("alice", "PW")).isEmpty();
            assertThat(users.authenticate("nobody", "pw")).isEmpty();
            assertThat(users.authenticate("bob", "plain")).contains(Caller.of("bob", "viewer"));
            assertThat(users.authenticate("bob", "plainer")).isEmpty();
            assertThat(users.authenticateKey(key)).contains(Caller.of("ci", "admin"));
            assertThat(users.rememberedKey(key)).isEqualTo(Caller.of("ci", "admin"));
            assertThat(users.authenticateKey(key + "x")).isEmpty();
            assertThat(users.authenticateKey("")).isEmpty();
        }
    }

    @Test
    void hashPasswordReadsTheFirstLineOfStandardInputAndPrintsAHashOfIt() {
        InputStream in = System.in;
        try {
            System.setIn(new ByteArrayInputStream("correct horse\nignored\n".getBytes(StandardCharsets.UTF_8)));
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cl = new CommandLine(new HashPasswordCommand());
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));
            assertThat(cl.execute("--iterations", "10000")).isZero();
            String hash = out.toString().trim();
            assertThat(hash).startsWith("pbkdf2-sha256$10000$").doesNotContain("horse");
            assertThat(PasswordHash.verify(hash, "correct horse".toCharArray())).isTrue();
            assertThat(err.toString()).contains("shikong.security.users");
        } finally {
            System.setIn(in);
        }
    }

    @Test
    void hashPasswordMakesAnApiKeyWithItsHash() {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new HashPasswordCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        assertThat(cl.execute("--api-key")).isZero();
        String[] lines = out.toString().trim().split("\\R");
        String key = lines[0].replace("key:", "").trim();
        String hash = lines[1].replace("hash:", "").trim();
        assertThat(key).startsWith("sk_").hasSizeGreaterThan(40);
        assertThat(PasswordHash.verify(hash, key.toCharArray())).isTrue();
    }

    @Test
    void hashPasswordRefusesNoPasswordAndCheapIterations() {
        InputStream in = System.in;
        PrintStream unused = System.out;
        try {
            System.setIn(new ByteArrayInputStream(new byte[0]));
            CommandLine cl = new CommandLine(new HashPasswordCommand());
            cl.setOut(new PrintWriter(new ByteArrayOutputStream()));
            cl.setErr(new PrintWriter(new StringWriter()));
            assertThat(cl.execute()).isEqualTo(1);
            assertThat(new CommandLine(new HashPasswordCommand()).execute("--iterations", "10")).isEqualTo(2);
        } finally {
            System.setIn(in);
            System.setOut(unused);
        }
    }
}
