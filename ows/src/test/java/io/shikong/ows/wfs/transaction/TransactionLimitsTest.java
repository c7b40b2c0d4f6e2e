package io.shikong.ows.wfs.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shikong.core.error.AccessDeniedException;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureStore;
import io.shikong.ows.wfs.WfsContext;
import io.shikong.ows.wfs.WfsSettings;
import io.shikong.ows.wfs.WfsVersion;
import io.shikong.ows.xml.SecureXml;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * A Transaction cannot make the service work before it is refused: the actions are counted against
 * {@code shikong.wfs.max-actions} before any is read, and the caller's write permission on every action's layer
 * is checked before any filter is resolved by a read of the store (an anonymous caller's 10,000 Deletes
 * matching everything were each a full read before their 403).
 */
class TransactionLimitsTest {

    static final Caller EDITOR = TransactionXmlReaderTest.EDITOR;

    /** Every call of the store counted; none may happen for a refused transaction. */
    final AtomicInteger storeCalls = new AtomicInteger();
    final FeatureStore store = (FeatureStore) Proxy.newProxyInstance(FeatureStore.class.getClassLoader(),
            new Class<?>[] {FeatureStore.class}, (proxy, method, args) -> {
                storeCalls.incrementAndGet();
                throw new AssertionError("the store was asked: " + method.getName());
            });

    WfsContext ctx(Caller caller, int maxActions) {
        return new WfsContext(TransactionXmlReaderTest.CATALOG, store, TransactionXmlReaderTest.CRS, caller,
                WfsVersion.V2_0_0, "http://h/ows", new WfsSettings(100, 1000, 100, maxActions));
    }

    static Element deletes(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            // matches every road
            sb.append("<wfs:Delete typeName=\"shikong:roads\"><fes:Filter><fes:Not><fes:PropertyIsNull>"
                    + "<fes:ValueReference>name</fes:ValueReference></fes:PropertyIsNull></fes:Not></fes:Filter></wfs:Delete>");
        }
        return SecureXml.parse(TransactionXmlReaderTest.tx20(sb.toString()).getBytes(StandardCharsets.UTF_8), "Transaction")
                .getDocumentElement();
    }

    @Test
    void moreActionsThanConfiguredAreRefusedBeforeAnyIsRead() {
        assertThatThrownBy(() -> new TransactionXmlReader(ctx(EDITOR, 1000)).read(deletes(1001)))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                    assertThat(e.locator()).isEqualTo("Transaction");
                    assertThat(e.getMessage()).isEqualTo("1001 actions in one transaction; at most 1000 are accepted "
                            + "(shikong.wfs.max-actions)");
                });
        assertThat(new TransactionXmlReader(ctx(EDITOR, 1000)).read(deletes(1000)).actions()).hasSize(1000);
        assertThat(storeCalls).hasValue(0);
    }

    @Test
    void anAnonymousCallersDeletesAreRefusedBeforeAnyFilterIsResolved() {
        WfsContext anonymous = ctx(Caller.ANONYMOUS, 10_000);
        assertThatThrownBy(() -> new TransactionXmlReader(anonymous).read(deletes(10_000)))
                .isInstanceOfSatisfying(AccessDeniedException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.getMessage()).isEqualTo("caller 'anonymous' may not write layer 'roads'");
                });
        // a request read by an editor and applied by an anonymous caller (the handler checks again, first)
        TransactionRequest read = new TransactionXmlReader(ctx(EDITOR, 10_000)).read(deletes(3));
        assertThatThrownBy(() -> new TransactionHandler(anonymous).apply(read))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(storeCalls).hasValue(0);
    }
}
