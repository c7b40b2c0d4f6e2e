/** The caller model carried from every request down to the catalog and the stores. */
package io.shikong.core.security;
