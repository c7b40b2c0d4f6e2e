/**
 * The audit log of writes and denied requests kept in the store's own database
 * ({@link io.shikong.core.audit.JdbcAuditLog}); the entries and the interface are in
 * {@link io.shikong.core.security}.
 */
package io.shikong.core.audit;
