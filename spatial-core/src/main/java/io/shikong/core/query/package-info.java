/** The one query model every protocol and every store shares. */
package io.shikong.core.query;
