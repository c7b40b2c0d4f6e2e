package io.shikong.ows.wfs;

import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import java.util.List;

/** The two WFS versions served, with the namespaces each speaks. */
public enum WfsVersion {
    V2_0_0("2.0.0", "http://www.opengis.net/wfs/2.0", "http://www.opengis.net/fes/2.0", "http://www.opengis.net/gml/3.2",
            "http://www.opengis.net/ows/1.1", "application/gml+xml; version=3.2"),
    V1_1_0("1.1.0", "http://www.opengis.net/wfs", "http://www.opengis.net/ogc", "http://www.opengis.net/gml",
            "http://www.opengis.net/ows", "text/xml; subtype=gml/3.1.1");

    public final String number;
    public final String wfsNs;
    public final String filterNs;
    public final String gmlNs;
    public final String owsNs;
    public final String defaultFormat;

    WfsVersion(String number, String wfsNs, String filterNs, String gmlNs, String owsNs, String defaultFormat) {
        this.number = number;
        this.wfsNs = wfsNs;
        this.filterNs = filterNs;
        this.gmlNs = gmlNs;
        this.owsNs = owsNs;
        this.defaultFormat = defaultFormat;
    }

    public boolean v2() {
        return this == V2_0_0;
    }

    /** The version of a VERSION parameter; 1.0.0 is answered as 1.1.0 is not: refused. */
    public static WfsVersion of(String version) {
        if (version == null) {
            return V2_0_0;
        }
        for (WfsVersion v : values()) {
            if (v.number.equals(version.trim())) {
                return v;
            }
        }
        throw new ShikongException(OgcCode.INVALID_PARAMETER_VALUE, "version", "WFS version '" + version
                + "' is not served; use 2.0.0 or 1.1.0");
    }

    /**
     * Version negotiation for GetCapabilities: the first of ACCEPTVERSIONS we serve, else VERSION, else
     * the highest.
     */
    public static WfsVersion negotiate(String acceptVersions, String version) {
        if (acceptVersions != null) {
            for (String v : acceptVersions.split(",")) {
                for (WfsVersion w : values()) {
                    if (w.number.equals(v.trim())) {
                        return w;
                    }
                }
            }
            throw new ShikongException(OgcCode.VERSION_NEGOTIATION_FAILED, "acceptVersions", "none of the versions "
                    + acceptVersions + " is served; this server speaks " + List.of("2.0.0", "1.1.0"));
        }
        if (version != null) {
            for (WfsVersion w : values()) {
                if (w.number.equals(version.trim())) {
                    return w;
                }
            }
        }
        return V2_0_0;
    }
}
