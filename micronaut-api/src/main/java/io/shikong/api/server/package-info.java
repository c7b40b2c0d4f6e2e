/**
 * The server under load and under attack: a bound on the expensive requests running at once (503 with
 * Retry-After beyond it), 503 while the store is unreachable, the security headers of every answer.
 */
package io.shikong.api.server;
