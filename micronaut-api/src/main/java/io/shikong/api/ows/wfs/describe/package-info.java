/** WFS describe. */
package io.shikong.api.ows.wfs.describe;
