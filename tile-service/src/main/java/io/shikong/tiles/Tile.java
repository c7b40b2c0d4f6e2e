package io.shikong.tiles;

/**
 * A tile ready to send.
 *
 * @param body      the encoded tile (MVT uncompressed; HTTP compresses it)
 * @param mediaType its media type
 * @param etag      a strong validator of the body (a hash of it, quoted as HTTP wants)
 * @param cached    true when it came from the cache
 */
public record Tile(byte[] body, String mediaType, String etag, boolean cached) {
}
