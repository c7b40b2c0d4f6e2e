package io.shikong.ows.oapif;

import java.util.ArrayList;
import java.util.List;

/** The conformance classes this API declares: Parts 1 to 4, Part 5's sortables, and those of the CQL2 parser. */
final class Conformance {

    static final List<String> OWN = List.of(
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
            "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete",
            "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/update",
            "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/optimistic-locking-etags",
            "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/features",
            "http://www.opengis.net/spec/ogcapi-features-5/1.0/conf/sortables");

    private Conformance() {
    }

    static List<String> classes() {
        List<String> all = new ArrayList<>(OWN);
        for (String c : OapifFilter.conformanceClasses()) {
            if (!all.contains(c)) {
                all.add(c);
            }
        }
        return all;
    }
}
