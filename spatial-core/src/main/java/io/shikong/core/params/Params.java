package io.shikong.core.params;

import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.InvalidCrsException;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.feature.Values;
import io.shikong.core.query.SortKey;
import io.shikong.core.query.TimeSelection;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The typed parsers every protocol shares (REST, WFS, WMS, WMTS): bounding boxes, CRS identifiers,
 * times, sort keys, lists and limits. Each names the parameter in its error, so the caller learns which
 * value was wrong and why.
 */
public final class Params {

    private Params() {
    }

    /**
     * Parses {@code minx,miny,maxx,maxy} (axes as given: the caller swaps for latitude-first CRSs).
     * A fifth value, if allowed by the protocol, must be handled by the caller.
     *
     * @throws InvalidParameterException unless there are four finite numbers with min <= max, and, for
     *                                   a geographic CRS, longitudes in [-180, 180] and latitudes in [-90, 90]
     */
    public static double[] bbox(String value, String locator, boolean geographic) {
        if (value == null || value.isBlank()) {
            throw new InvalidParameterException(locator, "bbox is empty; expected minx,miny,maxx,maxy");
        }
        String[] parts = value.split(",");
        if (parts.length != 4) {
            throw new InvalidParameterException(locator, "bbox '" + value + "' must have 4 numbers minx,miny,maxx,maxy, found " + parts.length);
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            v[i] = number(parts[i], locator);
        }
        if (v[0] > v[2] || v[1] > v[3]) {
            throw new InvalidParameterException(locator, "bbox '" + value + "' has a minimum greater than its maximum");
        }
        if (geographic && (v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90)) {
            throw new InvalidParameterException(locator, "bbox '" + value + "' is outside longitude [-180,180] / latitude [-90,90]");
        }
        return v;
    }

    /** A finite number. */
    public static double number(String value, String locator) {
        try {
            double d = Double.parseDouble(value.trim());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidParameterException(locator, "'" + value + "' is not a number");
    }

    /**
     * An integer in {@code [min, max]}; {@code fallback} when absent.
     *
     * @throws InvalidParameterException naming the bound that was crossed
     */
    public static int integer(String value, String locator, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        long n;
        try {
            n = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(locator, "'" + value + "' is not an integer", e);
        }
        if (n < min) {
            throw new InvalidParameterException(locator, locator + " must be at least " + min + ", was " + value);
        }
        if (n > max) {
            throw new InvalidParameterException(locator, locator + " " + value + " is over the maximum of " + max);
        }
        return (int) n;
    }

    /** A CRS from any identifier form the CRS service knows; {@code fallback} when absent. */
    public static Crs crs(CrsService crsService, String value, String locator, Crs fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return crsService.resolve(value.trim());
        } catch (InvalidCrsException e) {
            throw new InvalidCrsException(locator, e.getMessage(), e);
        }
    }

    /** An instant: ISO 8601 date ({@code 2020-01-01}, start of day UTC) or date-time with offset or Z. */
    public static Instant instant(String value, String locator) {
        String v = value.trim();
        // reduced precision (ISO 8601): a year or a month means its start
        if (v.matches("\\d{4}")) {
            v = v + "-01-01";
        } else if (v.matches("\\d{4}-\\d{2}")) {
            v = v + "-01";
        }
        try {
            return Values.instant(v);
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(locator, "'" + value + "' is not an ISO 8601 date or date-time", e);
        }
    }

    /**
     * A time selection: an instant ("as of"), {@code start/end} with {@code ..} or empty for an open end,
     * or {@code null}/blank for current.
     */
    public static TimeSelection time(String value, String locator) {
        if (value == null || value.isBlank()) {
            return TimeSelection.CURRENT;
        }
        String v = value.trim();
        String lower = v.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("current") || lower.equals("present") || lower.equals("now")) {
            return TimeSelection.CURRENT;
        }
        if (v.contains(",")) {
            throw new InvalidParameterException(locator, "time lists are not supported; give an instant or start/end");
        }
        String[] parts = v.split("/", -1); // keep an empty end: "2020-01-01/" is open-ended
        if (parts.length == 3 && parts[2].trim().toUpperCase(java.util.Locale.ROOT).startsWith("P")) {
            parts = new String[] {parts[0], parts[1]}; // start/end/resolution: the resolution does not matter here
        }
        if (parts.length > 2) {
            throw new InvalidParameterException(locator, "cannot read the time '" + value + "'");
        }
        if (parts.length == 1) {
            return TimeSelection.asOf(instant(v, locator));
        }
        String a = parts[0].trim();
        String b = parts[1].trim();
        Instant from = a.isEmpty() || a.equals("..") ? Instant.parse("0001-01-01T00:00:00Z") : instant(a, locator);
        Instant to = b.isEmpty() || b.equals("..") ? Instant.parse("9999-12-31T00:00:00Z") : instant(b, locator);
        if (to.isBefore(from)) {
            throw new InvalidParameterException(locator, "time range '" + value + "' ends before it starts");
        }
        return new TimeSelection.Range(from, to);
    }

    /** Sort keys: {@code name,-floors,+height_m} or {@code name A,floors D} / {@code floors DESC}. */
    public static List<SortKey> sortBy(String value, String locator) {
        List<SortKey> keys = new ArrayList<>();
        for (String part : list(value)) {
            String p = part.trim();
            boolean ascending = true;
            if (p.startsWith("-")) {
                ascending = false;
                p = p.substring(1);
            } else if (p.startsWith("+")) {
                p = p.substring(1);
            } else if (p.contains(" ")) {
                String[] words = p.split("\\s+");
                if (words.length != 2) {
                    throw new InvalidParameterException(locator, "cannot read sort key '" + part + "'");
                }
                p = words[0];
                String dir = words[1].toUpperCase(java.util.Locale.ROOT);
                if (dir.equals("D") || dir.equals("DESC")) {
                    ascending = false;
                } else if (!dir.equals("A") && !dir.equals("ASC")) {
                    throw new InvalidParameterException(locator, "sort direction '" + words[1] + "' must be ASC or DESC");
                }
            }
            if (p.isEmpty()) {
                throw new InvalidParameterException(locator, "empty sort key in '" + value + "'");
            }
            keys.add(new SortKey(p, ascending));
        }
        return keys;
    }

    /** Comma-separated values, trimmed, empty ones dropped; empty list for {@code null}. */
    public static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        for (String s : value.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }
}
