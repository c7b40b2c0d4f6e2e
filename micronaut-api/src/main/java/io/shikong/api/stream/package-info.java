/** Streaming response bodies: the encoders' {@link io.shikong.core.encode.Chunks} as Reactor publishers. */
package io.shikong.api.stream;
