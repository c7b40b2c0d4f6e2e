/** WFS describe. */
package io.shikong.ows.wfs.describe;
