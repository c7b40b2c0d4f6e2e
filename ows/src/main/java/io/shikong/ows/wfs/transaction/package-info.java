/** WFS transaction. */
package io.shikong.ows.wfs.transaction;
