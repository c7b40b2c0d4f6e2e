/**
 * Who is calling and what they did: Micronaut Security with HTTP Basic, API keys and JWT bearer tokens turned
 * into a {@link io.shikong.core.security.Caller} on every request ({@link io.shikong.api.security.CallerFilter}),
 * the users and keys of the configuration, stored hashed ({@link io.shikong.api.security.UserDirectory},
 * {@code shikong hash-password}), and the audit log of writes and denied requests
 * ({@link io.shikong.api.security.AuditFilter}, {@code /api/v1/audit}).
 */
package io.shikong.api.security;
