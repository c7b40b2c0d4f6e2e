/** XML for the OGC services: a parser that refuses DTDs and external entities, and a streaming writer. */
package io.shikong.ows.xml;
