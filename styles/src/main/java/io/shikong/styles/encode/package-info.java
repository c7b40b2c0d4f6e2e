/** Map image encoders: PNG, paletted PNG8, JPEG. */
package io.shikong.styles.encode;
