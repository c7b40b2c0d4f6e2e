package io.shikong.api.security;

import io.micronaut.context.annotation.Factory;
import io.shikong.core.audit.JdbcAuditLog;
import io.shikong.core.security.AuditLog;
import io.shikong.core.store.FeatureStore;
import io.shikong.core.store.jdbc.JdbcFeatureStore;
import jakarta.inject.Singleton;

/** The audit log, in a table of the store's own database ({@code shikong_audit}, PostGIS or the embedded file). */
@Factory
public class AuditFactory {

    @Singleton
    public AuditLog auditLog(FeatureStore store) {
        if (store instanceof JdbcFeatureStore jdbc) {
            return new JdbcAuditLog(jdbc);
        }
        throw new IllegalStateException("the audit log needs a JDBC store, not " + store.kind());
    }
}
