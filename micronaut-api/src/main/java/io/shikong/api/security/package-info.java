/** Who is calling: HTTP Basic credentials to a {@link io.shikong.core.security.Caller} on every request. */
package io.shikong.api.security;
