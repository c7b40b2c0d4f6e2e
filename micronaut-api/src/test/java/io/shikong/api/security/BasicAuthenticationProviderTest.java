package io.shikong.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.UsernamePasswordCredentials;
import io.shikong.core.security.Caller;
import io.shikong.core.security.PasswordHash;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * Basic credentials checked before are answered on the calling thread (the event loop, in the server): no
 * hand-off to the blocking executor; a first check, a wrong password and an unknown user go to the blocking
 * executor (a hash check) and are refused as before.
 */
class BasicAuthenticationProviderTest {

    /** Where the provider's answer came out, and the answer. */
    record Answer(String thread, AuthenticationResponse response) {
    }

    static Answer authenticate(BasicAuthenticationProvider<Object> provider, String user, String password) {
        return Mono.from(provider.authenticate(null, new UsernamePasswordCredentials(user, password)))
                .map(r -> new Answer(Thread.currentThread().getName(), r))
                .block();
    }

    @Test
    void rememberedCredentialsAreAnsweredOnTheCallingThreadAndOthersOnTheBlockingExecutor() {
        Map<String, Object> p = new HashMap<>();
        p.put("shikong.store.kind", "embedded");
        p.put("shikong.store.file", "target/security-config/never-opened");
        p.put("shikong.security.users", "alice:" + PasswordHash.hash("pw".toCharArray(), PasswordHash.MIN_ITERATIONS)
                + ":editor+pipelines");
        p.put("shikong.users", "bob:plain:viewer");
        try (ApplicationContext ctx = ApplicationContext.run(p)) {
            @SuppressWarnings("unchecked")
            BasicAuthenticationProvider<Object> provider = ctx.getBean(BasicAuthenticationProvider.class);
            UserDirectory users = ctx.getBean(UserDirectory.class);
            String here = Thread.currentThread().getName();
            assertThat(users.rememberedBasic("alice", "pw")).isNull();

            Answer first = authenticate(provider, "alice", "pw");
            assertThat(first.response().isAuthenticated()).isTrue();
            assertThat(first.thread()).as("a hash check, on the blocking executor").isNotEqualTo(here);
            assertThat(users.rememberedBasic("alice", "pw")).isEqualTo(Caller.of("alice", "editor", "pipelines"));

            Answer again = authenticate(provider, "alice", "pw");
            assertThat(again.thread()).as("remembered: answered where asked").isEqualTo(here);
            assertThat(again.response().isAuthenticated()).isTrue();
            assertThat(again.response().getAuthentication()).hasValueSatisfying(a -> {
                assertThat(a.getName()).isEqualTo("alice");
                assertThat(a.getRoles()).containsExactlyInAnyOrder("editor", "pipelines");
                assertThat(a.getAttributes()).containsEntry(CallerFilter.METHOD, "basic");
            });

            Answer wrong = authenticate(provider, "alice", "PW");
            assertThat(wrong.response().isAuthenticated()).isFalse();
            assertThat(wrong.thread()).isNotEqualTo(here);
            assertThat(users.rememberedBasic("alice", "PW")).isNull();
            assertThat(authenticate(provider, "nobody", "pw").response().isAuthenticated()).isFalse();
            assertThat(users.rememberedBasic("nobody", "pw")).isNull();

            assertThat(authenticate(provider, "bob", "plain").response().isAuthenticated()).isTrue();
            assertThat(authenticate(provider, "bob", "plain").thread()).isEqualTo(here);
            assertThat(authenticate(provider, "bob", "plainer").response().isAuthenticated()).isFalse();
        }
    }
}
