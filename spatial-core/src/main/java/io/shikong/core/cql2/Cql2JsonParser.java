package io.shikong.core.cql2;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.shikong.core.cql2.Cql2Builder.Cql2Error;
import io.shikong.core.error.InvalidParameterException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.geotools.api.filter.Filter;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * A reader of CQL2 JSON (OGC 21-065's JSON encoding, its schema {@code cql2.json}): Jackson's streaming parser
 * reads the document into a small tree that keeps each value's line and column, and the tree is turned into a
 * filter by the same {@link Cql2Builder} as the text encoding. GeoJSON geometries are read here (a few lines
 * over JTS) rather than with a GeoJSON library, which spatial-core does not carry.
 *
 * <p>The tree is refused past a nesting of {@code 2 * max-filter-depth + 8} arrays and objects (an operator is
 * an object and its args array; a geometry adds a few), before anything recurses deeper.
 */
final class Cql2JsonParser {

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(100_000).build()).build();
    private static final GeometryFactory GF = new GeometryFactory();

    private final String json;
    private final String locator;
    private final Cql2Builder build;
    private final int maxDepth;

    Cql2JsonParser(String json, String locator, Cql2Builder build, int maxDepth) {
        this.json = json;
        this.locator = locator;
        this.build = build;
        this.maxDepth = maxDepth;
    }

    /** A JSON value with where it starts. */
    private record Node(Object value, int line, int column) {
        String where() {
            return line == 1 ? "column " + column : "line " + line + ", column " + column;
        }

        String type() {
            if (value == null) {
                return "null";
            } else if (value instanceof Map) {
                return "an object";
            } else if (value instanceof List) {
                return "an array";
            } else if (value instanceof String) {
                return "a string";
            } else if (value instanceof Number) {
                return "a number";
            }
            return "a boolean";
        }
    }

    Filter parse() {
        Node root;
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() == null) {
                throw new InvalidParameterException(locator, "Invalid CQL2 JSON: the document is empty");
            }
            root = read(p, 1);
            JsonToken extra = p.nextToken();
            if (extra != null) {
                throw error(node(null, p.currentTokenLocation()), "expected the end of the document, found more JSON");
            }
        } catch (IOException e) {
            String message = e.getMessage() == null ? "not JSON" : e.getMessage();
            int nl = message.indexOf('\n');
            message = nl > 0 ? message.substring(0, nl) : message;
            JsonLocation l = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getLocation() : null;
            String where = l == null ? "" : (l.getLineNr() == 1 ? "column " + l.getColumnNr() : "line " + l.getLineNr()
                    + ", column " + l.getColumnNr()) + ": ";
            throw new InvalidParameterException(locator, "Invalid CQL2 JSON: " + where + message, e);
        }
        Term t = term(root);
        return at(root, () -> build.predicate(t));
    }

    // ---- the tree

    private static Node node(Object value, JsonLocation l) {
        return new Node(value, l.getLineNr(), l.getColumnNr());
    }

    private Node read(JsonParser p, int depth) throws IOException {
        JsonLocation l = p.currentTokenLocation();
        JsonToken t = p.currentToken();
        if ((t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) && depth > maxDepth) {
            throw new InvalidParameterException(locator, "Invalid CQL2 JSON: " + node(null, l).where()
                    + ": filter nested too deeply: arrays and objects deeper than " + maxDepth + " levels (2 per level of "
                    + io.shikong.core.filter.FilterDepth.KEY + ")");
        }
        switch (t) {
            case START_OBJECT -> {
                Map<String, Node> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonLocation nl = p.currentTokenLocation();
                    p.nextToken();
                    if (map.put(name, read(p, depth + 1)) != null) {
                        throw error(node(null, nl), "the member \"" + name + "\" appears twice");
                    }
                }
                return node(map, l);
            }
            case START_ARRAY -> {
                List<Node> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(read(p, depth + 1));
                }
                return node(list, l);
            }
            case VALUE_STRING -> {
                return node(p.getText(), l);
            }
            case VALUE_NUMBER_INT -> {
                try {
                    return node(p.getLongValue(), l);
                } catch (IOException e) {
                    return node(finite(p.getDoubleValue(), node(null, l)), l);
                }
            }
            case VALUE_NUMBER_FLOAT -> {
                return node(finite(p.getDoubleValue(), node(null, l)), l);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return node(t == JsonToken.VALUE_TRUE, l);
            }
            case VALUE_NULL -> {
                return node(null, l);
            }
            default -> throw error(node(null, l), "unexpected JSON " + t);
        }
    }

    private double finite(double d, Node at) {
        if (Double.isInfinite(d) || Double.isNaN(d)) {
            throw error(at, "a number is out of range");
        }
        return d;
    }

    // ---- CQL2

    @SuppressWarnings("unchecked")
    private Term term(Node n) {
        Object v = n.value();
        if (v instanceof String s) {
            return build.string(s);
        }
        if (v instanceof Number num) {
            return build.number(num);
        }
        if (v instanceof Boolean b) {
            return build.bool(b);
        }
        if (v == null) {
            throw error(n, "null is not a CQL2 value");
        }
        if (v instanceof List) {
            throw error(n, "an array stands only as the list of IN or the args of an operator");
        }
        Map<String, Node> m = (Map<String, Node>) v;
        if (m.containsKey("op")) {
            return operator(n, m);
        }
        if (m.containsKey("property")) {
            only(n, m, "property");
            return at(m.get("property"), () -> build.property(string(m.get("property"), "property name")));
        }
        if (m.containsKey("date")) {
            only(n, m, "date");
            return at(m.get("date"), () -> build.date(string(m.get("date"), "date")));
        }
        if (m.containsKey("timestamp")) {
            only(n, m, "timestamp");
            return at(m.get("timestamp"), () -> build.timestamp(string(m.get("timestamp"), "timestamp")));
        }
        if (m.containsKey("interval")) {
            only(n, m, "interval");
            List<Node> ends = array(m.get("interval"), "interval");
            if (ends.size() != 2) {
                throw error(m.get("interval"), "an interval has 2 ends, not " + ends.size());
            }
            Term a = term(ends.get(0));
            Term b = term(ends.get(1));
            at(ends.get(0), () -> build.intervalEnd(a));
            at(ends.get(1), () -> build.intervalEnd(b));
            return at(n, () -> build.interval(a, b));
        }
        if (m.containsKey("bbox")) {
            only(n, m, "bbox");
            return bbox(m.get("bbox"));
        }
        if (m.containsKey("type")) {
            Geometry g = geometry(n, 0);
            return at(n, () -> build.geometry(g));
        }
        throw error(n, "expected an operator {\"op\": ..., \"args\": [...]}, a property {\"property\": ...}, a date, "
                + "timestamp, interval, bbox or GeoJSON geometry; found an object with " + m.keySet());
    }

    private Term operator(Node n, Map<String, Node> m) {
        for (String key : m.keySet()) {
            if (!key.equals("op") && !key.equals("args")) {
                throw error(n, "an operator has the members \"op\" and \"args\", not \"" + key + "\"");
            }
        }
        String op = string(m.get("op"), "operator").toLowerCase(Locale.ROOT);
        Node argsNode = m.get("args");
        if (argsNode == null) {
            throw error(n, "the operator \"" + op + "\" has no \"args\"");
        }
        List<Node> args = array(argsNode, "args");
        Node opNode = m.get("op");
        switch (op) {
            case "and", "or" -> {
                if (args.size() < 2) {
                    throw error(argsNode, "\"" + op + "\" takes at least 2 args, not " + args.size());
                }
                List<Filter> operands = new ArrayList<>();
                for (Node a : args) {
                    Term t = term(a);
                    operands.add(at(a, () -> build.predicate(t)));
                }
                return build.filter(op.equals("and") ? build.and(operands) : build.or(operands));
            }
            case "not" -> {
                Term t = term(arity(argsNode, args, op, 1).get(0));
                return build.filter(build.not(at(args.get(0), () -> build.predicate(t))));
            }
            case "=", "<>", "<", "<=", ">", ">=" -> {
                List<Term> t = terms(arity(argsNode, args, op, 2));
                return build.filter(at(opNode, () -> build.compare(op, t.get(0), t.get(1))));
            }
            case "like" -> {
                List<Term> t = terms(arity(argsNode, args, op, 2));
                return build.filter(at(opNode, () -> build.like(t.get(0), t.get(1))));
            }
            case "between" -> {
                List<Term> t = terms(arity(argsNode, args, op, 3));
                return build.filter(at(opNode, () -> build.between(t.get(0), t.get(1), t.get(2))));
            }
            case "in" -> {
                arity(argsNode, args, op, 2);
                Term a = term(args.get(0));
                List<Term> list = terms(array(args.get(1), "list of IN"));
                return build.filter(at(opNode, () -> build.in(a, list)));
            }
            case "isnull" -> {
                Term t = term(arity(argsNode, args, op, 1).get(0));
                return build.filter(at(opNode, () -> build.isNull(t)));
            }
            case "casei", "accenti" -> {
                Term t = term(arity(argsNode, args, op, 1).get(0));
                return at(args.get(0), () -> op.equals("casei") ? build.casei(t) : build.accenti(t));
            }
            case "+", "-", "*", "/", "%", "div", "^" -> {
                List<Term> t = terms(arity(argsNode, args, op, 2));
                return at(opNode, () -> build.arithmetic(op, t.get(0), t.get(1)));
            }
            default -> {
                String upper = op.toUpperCase(Locale.ROOT);
                if (Cql2Builder.SPATIAL.contains(upper) || Cql2Builder.TEMPORAL.contains(upper)) {
                    List<Term> t = terms(arity(argsNode, args, op, 2));
                    return build.filter(at(opNode, () -> Cql2Builder.SPATIAL.contains(upper)
                            ? build.spatial(upper, t.get(0), t.get(1)) : build.temporal(upper, t.get(0), t.get(1))));
                }
                throw error(opNode, Cql2Builder.unknownFunction(string(opNode, "operator")).getMessage());
            }
        }
    }

    private List<Term> terms(List<Node> nodes) {
        List<Term> t = new ArrayList<>(nodes.size());
        for (Node a : nodes) {
            t.add(term(a));
        }
        return t;
    }

    private List<Node> arity(Node argsNode, List<Node> args, String op, int n) {
        if (args.size() != n) {
            throw error(argsNode, "\"" + op + "\" takes " + n + (n == 1 ? " arg" : " args") + ", not " + args.size());
        }
        return args;
    }

    private Term bbox(Node n) {
        List<Node> list = array(n, "bbox");
        if (list.size() != 4 && list.size() != 6) {
            throw error(n, "a bbox has 4 numbers (or 6 with heights), not " + list.size());
        }
        double[] v = new double[list.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = number(list.get(i));
        }
        int d = v.length / 2;
        if (v[1] > v[d + 1] || v[0] > v[d]) {
            throw error(n, "a bbox is [west, south, east, north] with west <= east and south <= north (boxes crossing "
                    + "the antimeridian are not supported)");
        }
        Geometry g = GF.toGeometry(new Envelope(v[0], v[d], v[1], v[d + 1]));
        return at(n, () -> build.geometry(g));
    }

    @SuppressWarnings("unchecked")
    private Geometry geometry(Node n, int depth) {
        if (!(n.value() instanceof Map)) {
            throw error(n, "expected a GeoJSON geometry, found " + n.type());
        }
        Map<String, Node> m = (Map<String, Node>) n.value();
        String type = string(m.get("type") == null ? n : m.get("type"), "GeoJSON type");
        try {
            if (type.equals("GeometryCollection")) {
                List<Geometry> parts = new ArrayList<>();
                for (Node part : array(member(n, m, "geometries"), "geometries")) {
                    parts.add(geometry(part, depth + 1));
                }
                return GF.createGeometryCollection(parts.toArray(Geometry[]::new));
            }
            Node c = member(n, m, "coordinates");
            return switch (type) {
                case "Point" -> GF.createPoint(coordinate(c));
                case "LineString" -> GF.createLineString(coordinates(c));
                case "Polygon" -> polygon(c);
                case "MultiPoint" -> GF.createMultiPoint(array(c, "coordinates").stream()
                        .map(p -> GF.createPoint(coordinate(p))).toArray(Point[]::new));
                case "MultiLineString" -> GF.createMultiLineString(array(c, "coordinates").stream()
                        .map(l -> GF.createLineString(coordinates(l))).toArray(LineString[]::new));
                case "MultiPolygon" -> GF.createMultiPolygon(array(c, "coordinates").stream()
                        .map(this::polygon).toArray(Polygon[]::new));
                default -> throw error(m.get("type"), "unknown GeoJSON geometry type '" + type + "'");
            };
        } catch (IllegalArgumentException e) {
            throw error(n, "invalid GeoJSON " + type + ": " + e.getMessage());
        }
    }

    private Node member(Node n, Map<String, Node> m, String name) {
        Node c = m.get(name);
        if (c == null) {
            throw error(n, "the GeoJSON geometry has no \"" + name + "\"");
        }
        return c;
    }

    private Polygon polygon(Node n) {
        List<Node> rings = array(n, "coordinates");
        if (rings.isEmpty()) {
            return GF.createPolygon();
        }
        LinearRing shell = GF.createLinearRing(coordinates(rings.get(0)));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = GF.createLinearRing(coordinates(rings.get(i)));
        }
        return GF.createPolygon(shell, holes);
    }

    private Coordinate[] coordinates(Node n) {
        return array(n, "coordinates").stream().map(this::coordinate).toArray(Coordinate[]::new);
    }

    private Coordinate coordinate(Node n) {
        List<Node> xy = array(n, "position");
        if (xy.size() < 2 || xy.size() > 4) {
            throw error(n, "a GeoJSON position has 2 or 3 numbers, not " + xy.size());
        }
        return xy.size() == 2 ? new Coordinate(number(xy.get(0)), number(xy.get(1)))
                : new Coordinate(number(xy.get(0)), number(xy.get(1)), number(xy.get(2)));
    }

    // ---- values

    @SuppressWarnings("unchecked")
    private List<Node> array(Node n, String what) {
        if (!(n.value() instanceof List)) {
            throw error(n, "expected an array (" + what + "), found " + n.type());
        }
        return (List<Node>) n.value();
    }

    private String string(Node n, String what) {
        if (!(n.value() instanceof String s)) {
            throw error(n, "expected a string (" + what + "), found " + n.type());
        }
        return s;
    }

    private double number(Node n) {
        if (!(n.value() instanceof Number num)) {
            throw error(n, "expected a number, found " + n.type());
        }
        return num.doubleValue();
    }

    private void only(Node n, Map<String, Node> m, String key) {
        if (m.size() != 1) {
            throw error(n, "{\"" + key + "\": ...} has no other members, found " + m.keySet());
        }
    }

    private <T> T at(Node n, Supplier<T> step) {
        try {
            return step.get();
        } catch (Cql2Error e) {
            throw error(n, e.getMessage());
        }
    }

    private InvalidParameterException error(Node n, String message) {
        return new InvalidParameterException(locator, "Invalid CQL2 JSON: " + n.where() + ": " + message);
    }
}
