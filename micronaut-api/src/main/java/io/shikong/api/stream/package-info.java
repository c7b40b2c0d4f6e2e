/** Streaming response bodies. */
package io.shikong.api.stream;
