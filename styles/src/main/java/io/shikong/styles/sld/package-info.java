/**
 * Styled Layer Descriptor: an immutable style model ({@link io.shikong.styles.sld.Style} down to
 * {@link io.shikong.styles.sld.Mark}) and {@link io.shikong.styles.sld.SldParser}, a secure reader of
 * SLD 1.0 and Symbology Encoding 1.1 documents into it. The parser refuses, with a message naming the
 * element, everything the model cannot represent, so that a style is never drawn differently from
 * what it says. {@link io.shikong.styles.sld.StandardStyles} holds the styles of the six sample layers.
 */
package io.shikong.styles.sld;
