/**
 * The one exception hierarchy of Shikong: each error carries its HTTP status, OGC exception code and
 * locator, and each protocol layer renders it in its own format.
 */
package io.shikong.core.error;
