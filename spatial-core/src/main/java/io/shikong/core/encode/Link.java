package io.shikong.core.encode;

/**
 * A hypermedia link as the encoders write it (in a feature collection's {@code links}): {@code href} and
 * {@code rel}, and the optional {@code type} and {@code title} (either may be {@code null}).
 */
public record Link(String href, String rel, String type, String title) {
}
