/** WFS transaction. */
package io.shikong.api.ows.wfs.transaction;
