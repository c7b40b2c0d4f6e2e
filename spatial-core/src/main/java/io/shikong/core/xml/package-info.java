/** Secure parsing of the XML Shikong is sent. */
package io.shikong.core.xml;
