/** WFS 2.0.0 and 1.1.0: capabilities, schemas, GetFeature with GML/GeoJSON/CSV, stored queries, transactions. */
package io.shikong.ows.wfs;
