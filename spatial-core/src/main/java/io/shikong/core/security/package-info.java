/**
 * The caller model carried from every request down to the catalog and the stores ({@link io.shikong.core.security.Caller}),
 * the hashes of stored passwords and API keys ({@link io.shikong.core.security.PasswordHash}) and the audit
 * log of writes and denied requests ({@link io.shikong.core.security.AuditLog}).
 */
package io.shikong.core.security;
