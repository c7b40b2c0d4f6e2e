package io.shikong.ows.wms;

/** The two WMS versions served. 1.3.0 uses CRS and EPSG axis order; 1.1.1 uses SRS and x/y. */
public enum WmsVersion {
    V1_3_0("1.3.0"), V1_1_1("1.1.1");

    public final String number;

    WmsVersion(String number) {
        this.number = number;
    }

    public boolean v13() {
        return this == V1_3_0;
    }

    /**
     * WMS version negotiation: the requested version if served; else the highest served below it; else
     * the lowest served. No version means the highest.
     */
    public static WmsVersion negotiate(String requested) {
        if (requested == null || requested.isBlank()) {
            return V1_3_0;
        }
        String v = requested.trim();
        if (v.equals("1.3.0") || v.equals("1.3")) {
            return V1_3_0;
        }
        if (v.equals("1.1.1") || v.equals("1.1")) {
            return V1_1_1;
        }
        return compare(v, "1.3.0") > 0 ? V1_3_0 : V1_1_1;
    }

    private static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? parse(x[i]) : 0;
            int q = i < y.length ? parse(y[i]) : 0;
            if (p != q) {
                return Integer.compare(p, q);
            }
        }
        return 0;
    }

    private static int parse(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
