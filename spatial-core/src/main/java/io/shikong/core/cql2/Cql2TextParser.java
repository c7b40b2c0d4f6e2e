package io.shikong.core.cql2;

import io.shikong.core.cql2.Cql2Builder.Cql2Error;
import io.shikong.core.cql2.Term.Kind;
import io.shikong.core.error.InvalidParameterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.geotools.api.filter.Filter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * A recursive-descent parser of CQL2 Text (OGC 21-065 Annex A's BNF), hand-written because no library on the
 * classpath reads CQL2 (see the package documentation). Precedence, loosest first: OR, AND, NOT, the
 * predicates (comparison, LIKE, BETWEEN, IN, IS NULL), {@code + -}, {@code * / % div}, {@code ^}, unary minus. Keywords are
 * case-insensitive; property names are as written (double quotes for names that are keywords or hold other
 * characters). Geometry literals are WKT, read by JTS.
 *
 * <p>Recursion happens only at parentheses, which {@link io.shikong.core.filter.FilterDepth#checkText} bounds
 * before parsing; chains of NOT, unary minus, AND, OR and arithmetic are read in loops.
 */
final class Cql2TextParser {

    private static final Set<String> WKT = Set.of("POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING",
            "MULTIPOLYGON", "GEOMETRYCOLLECTION");
    private static final Set<String> RESERVED = Set.of("AND", "OR", "NOT", "LIKE", "BETWEEN", "IN", "IS", "NULL", "DIV");
    private static final GeometryFactory GF = new GeometryFactory();

    private final String text;
    private final String locator;
    private final Cql2Builder build;
    private int pos;
    private Token peeked;

    Cql2TextParser(String text, String locator, Cql2Builder build) {
        this.text = text;
        this.locator = locator;
        this.build = build;
    }

    Filter parse() {
        Term t = orExpression();
        Token end = peek();
        if (end.type != Type.EOF) {
            throw error(end.start, "expected AND, OR or the end of the filter, found " + end.show());
        }
        return at(0, () -> build.predicate(t));
    }

    // ---- grammar

    private Term orExpression() {
        int start = peek().start;
        Term first = andExpression();
        if (!peek().is("OR")) {
            return first;
        }
        List<Filter> operands = new ArrayList<>();
        operands.add(at(start, () -> build.predicate(first)));
        while (peek().is("OR")) {
            next();
            int at = peek().start;
            Term t = andExpression();
            operands.add(at(at, () -> build.predicate(t)));
        }
        return build.filter(build.or(operands));
    }

    private Term andExpression() {
        int start = peek().start;
        Term first = notExpression();
        if (!peek().is("AND")) {
            return first;
        }
        List<Filter> operands = new ArrayList<>();
        operands.add(at(start, () -> build.predicate(first)));
        while (peek().is("AND")) {
            next();
            int at = peek().start;
            Term t = notExpression();
            operands.add(at(at, () -> build.predicate(t)));
        }
        return build.filter(build.and(operands));
    }

    private Term notExpression() {
        int nots = 0;
        while (peek().is("NOT")) {
            next();
            nots++;
        }
        if (nots == 0) {
            return predicate();
        }
        int at = peek().start;
        Term t = predicate();
        Filter f = at(at, () -> build.predicate(t));
        for (int i = 0; i < nots; i++) {
            f = build.not(f);
        }
        return build.filter(f);
    }

    private Term predicate() {
        int start = peek().start;
        Term left = additive();
        Token t = peek();
        if (t.type == Type.OP && Set.of("=", "<>", "<", "<=", ">", ">=").contains(t.text)) {
            Token cmp = next();
            Term right = additive();
            return build.filter(at(cmp.start, () -> build.compare(cmp.text, left, right)));
        }
        boolean not = false;
        if (t.is("NOT")) {
            next();
            not = true;
            t = peek();
            if (!t.is("LIKE") && !t.is("BETWEEN") && !t.is("IN")) {
                throw error(t.start, "expected LIKE, BETWEEN or IN after NOT, found " + t.show());
            }
        }
        Token op = t;
        Filter f;
        if (op.is("LIKE")) {
            next();
            Term pattern = additive();
            f = at(op.start, () -> build.like(left, pattern));
        } else if (op.is("BETWEEN")) {
            next();
            Term low = additive();
            expectKeyword("AND");
            Term high = additive();
            f = at(op.start, () -> build.between(left, low, high));
        } else if (op.is("IN")) {
            next();
            expect("(");
            List<Term> list = new ArrayList<>();
            do {
                list.add(additive());
            } while (accept(","));
            expect(")");
            f = at(op.start, () -> build.in(left, list));
        } else if (op.is("IS") && !not) {
            next();
            boolean isNot = false;
            if (peek().is("NOT")) {
                next();
                isNot = true;
            }
            expectKeyword("NULL");
            Filter isNull = at(op.start, () -> build.isNull(left));
            f = isNot ? build.not(isNull) : isNull;
        } else {
            return left;
        }
        return build.filter(not ? build.not(f) : f);
    }

    private Term additive() {
        Term left = multiplicative();
        while (peek().isOp("+") || peek().isOp("-")) {
            Token op = next();
            Term right = multiplicative();
            Term l = left;
            left = at(op.start, () -> build.arithmetic(op.text, l, right));
        }
        return left;
    }

    private Term multiplicative() {
        Term left = power();
        while (peek().isOp("*") || peek().isOp("/") || peek().isOp("%") || peek().is("DIV")) {
            Token op = next();
            Term right = power();
            Term l = left;
            left = at(op.start, () -> build.arithmetic(op.text.toLowerCase(Locale.ROOT), l, right));
        }
        return left;
    }

    /** {@code a ^ b}, binding tighter than {@code * /} (the standard's powerTerm: no chain of powers). */
    private Term power() {
        Term left = unary();
        if (!peek().isOp("^")) {
            return left;
        }
        Token op = next();
        Term right = unary();
        return at(op.start, () -> build.arithmetic("^", left, right));
    }

    private Term unary() {
        int minus = 0;
        while (peek().isOp("-") || peek().isOp("+")) {
            if (next().text.equals("-")) {
                minus++;
            }
        }
        int at = peek().start;
        Term t = primary();
        for (int i = 0; i < minus % 2; i++) {
            Term operand = t;
            t = at(at, () -> build.negate(operand));
        }
        return t;
    }

    private Term primary() {
        Token t = next();
        switch (t.type) {
            case NUMBER:
                return build.number(t.number);
            case STRING:
                return build.string(t.text);
            case QUOTED:
                return at(t.start, () -> build.property(t.text));
            case OP:
                if (t.text.equals("(")) {
                    Term inner = orExpression();
                    expect(")");
                    return inner;
                }
                throw error(t.start, "expected a value, a property or a predicate, found " + t.show());
            case EOF:
                throw error(t.start, "expected a value, a property or a predicate, found the end of the filter");
            default:
                break;
        }
        String upper = t.text.toUpperCase(Locale.ROOT);
        if (upper.equals("TRUE") || upper.equals("FALSE")) {
            return build.bool(upper.equals("TRUE"));
        }
        if (WKT.contains(upper)) {
            return wkt(t);
        }
        if (RESERVED.contains(upper)) {
            throw error(t.start, "expected a value, a property or a predicate, found " + t.show());
        }
        if (!peek().isOp("(")) {
            return at(t.start, () -> build.property(t.text));
        }
        next(); // (
        Term result;
        switch (upper) {
            case "DATE", "TIMESTAMP" -> {
                Token s = next();
                if (s.type != Type.STRING) {
                    throw error(s.start, "expected the " + upper.toLowerCase(Locale.ROOT) + " in quotes, found " + s.show());
                }
                result = at(s.start, () -> upper.equals("DATE") ? build.date(s.text) : build.timestamp(s.text));
            }
            case "INTERVAL" -> {
                int a = peek().start;
                Term start = additive();
                expect(",");
                int b = peek().start;
                Term end = additive();
                at(a, () -> build.intervalEnd(start));
                at(b, () -> build.intervalEnd(end));
                result = at(t.start, () -> build.interval(start, end));
            }
            case "CASEI", "ACCENTI" -> {
                int a = peek().start;
                Term arg = additive();
                result = at(a, () -> upper.equals("CASEI") ? build.casei(arg) : build.accenti(arg));
            }
            case "BBOX" -> result = bbox(t);
            default -> {
                if (Cql2Builder.SPATIAL.contains(upper) || Cql2Builder.TEMPORAL.contains(upper)) {
                    Term a = additive();
                    expect(",");
                    Term b = additive();
                    result = build.filter(at(t.start, () -> Cql2Builder.SPATIAL.contains(upper)
                            ? build.spatial(upper, a, b) : build.temporal(upper, a, b)));
                } else {
                    throw error(t.start, Cql2Builder.unknownFunction(t.text).getMessage());
                }
            }
        }
        expect(")");
        return result;
    }

    private Term bbox(Token name) {
        List<Double> n = new ArrayList<>();
        do {
            int at = peek().start;
            Term v = unary();
            if (v.kind() != Kind.NUMBER || !v.literal()) {
                throw error(at, "expected a number of the BBOX, found " + v.kind().description);
            }
            n.add(((Number) ((org.geotools.api.filter.expression.Literal) v.node()).getValue()).doubleValue());
        } while (accept(","));
        if (n.size() != 4 && n.size() != 6) {
            throw error(name.start, "BBOX has 4 numbers (or 6 with heights), not " + n.size());
        }
        int d = n.size() / 2;
        double minX = n.get(0);
        double minY = n.get(1);
        double maxX = n.get(d);
        double maxY = n.get(d + 1);
        if (minY > maxY) {
            throw error(name.start, "BBOX's south edge " + minY + " is above its north edge " + maxY);
        }
        if (minX > maxX) {
            // OGC API's bounding boxes may cross the antimeridian (west > east); filters here do not
            throw error(name.start, "BBOX's west edge " + minX + " is east of its east edge " + maxX
                    + " (boxes crossing the antimeridian are not supported)");
        }
        Geometry g = GF.toGeometry(new Envelope(minX, maxX, minY, maxY));
        return at(name.start, () -> build.geometry(g));
    }

    /** A WKT literal: from its keyword to its balanced closing parenthesis (or EMPTY), read by JTS. */
    private Term wkt(Token keyword) {
        int i = keyword.start;
        int depth = 0;
        int end = -1;
        for (int k = keyword.start + keyword.text.length(); k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth == 0) {
                    break;
                }
                if (--depth == 0) {
                    end = k + 1;
                    break;
                }
            } else if (depth == 0 && !Character.isWhitespace(c) && !Character.isLetter(c)) {
                break;
            }
            if (depth == 0 && Character.isLetter(c)) {
                // Z, M, ZM or EMPTY after the keyword
                int w = k;
                while (w < text.length() && Character.isLetter(text.charAt(w))) {
                    w++;
                }
                String word = text.substring(k, w).toUpperCase(Locale.ROOT);
                if (word.equals("EMPTY")) {
                    end = w;
                    break;
                }
                if (!word.equals("Z") && !word.equals("M") && !word.equals("ZM")) {
                    break;
                }
                k = w - 1;
            }
        }
        if (end < 0) {
            throw error(i, "expected a WKT geometry with balanced parentheses after " + keyword.text);
        }
        Geometry g;
        try {
            g = new WKTReader(GF).read(text.substring(i, end));
        } catch (ParseException | RuntimeException e) {
            throw error(i, "invalid WKT geometry: " + e.getMessage());
        }
        pos = end;
        peeked = null;
        return at(i, () -> build.geometry(g));
    }

    // ---- tokens

    private enum Type { IDENT, QUOTED, STRING, NUMBER, OP, EOF }

    private static final class Token {
        final Type type;
        final String text;
        final int start;
        final Number number;

        Token(Type type, String text, int start, Number number) {
            this.type = type;
            this.text = text;
            this.start = start;
            this.number = number;
        }

        boolean is(String keyword) {
            return type == Type.IDENT && text.equalsIgnoreCase(keyword);
        }

        boolean isOp(String op) {
            return type == Type.OP && text.equals(op);
        }

        String show() {
            return switch (type) {
                case EOF -> "the end of the filter";
                case STRING -> "the string '" + shorten(text) + "'";
                case QUOTED -> "\"" + shorten(text) + "\"";
                default -> "'" + shorten(text) + "'";
            };
        }

        private static String shorten(String s) {
            return s.length() > 40 ? s.substring(0, 40) + "..." : s;
        }
    }

    private Token peek() {
        if (peeked == null) {
            peeked = lex();
        }
        return peeked;
    }

    private Token next() {
        Token t = peek();
        peeked = null;
        return t;
    }

    private boolean accept(String op) {
        if (peek().isOp(op)) {
            next();
            return true;
        }
        return false;
    }

    private void expect(String op) {
        Token t = peek();
        if (!t.isOp(op)) {
            throw error(t.start, "expected '" + op + "', found " + t.show());
        }
        next();
    }

    private void expectKeyword(String keyword) {
        Token t = peek();
        if (!t.is(keyword)) {
            throw error(t.start, "expected " + keyword + ", found " + t.show());
        }
        next();
    }

    private Token lex() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        int start = pos;
        if (pos >= text.length()) {
            return new Token(Type.EOF, "", start, null);
        }
        char c = text.charAt(pos);
        if (c == '\'') {
            return new Token(Type.STRING, quoted('\''), start, null);
        }
        if (c == '"') {
            return new Token(Type.QUOTED, quoted('"'), start, null);
        }
        if (Character.isDigit(c) || c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1))) {
            return number(start);
        }
        if (Character.isLetter(c) || c == '_') {
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || "_:.".indexOf(text.charAt(pos)) >= 0)) {
                pos++;
            }
            return new Token(Type.IDENT, text.substring(start, pos), start, null);
        }
        for (String op : new String[] {"<>", "<=", ">=", "=", "<", ">", "(", ")", ",", "+", "-", "*", "/", "%", "^"}) {
            if (text.startsWith(op, pos)) {
                pos += op.length();
                return new Token(Type.OP, op, start, null);
            }
        }
        throw error(start, "unexpected character '" + new String(Character.toChars(text.codePointAt(pos))) + "'");
    }

    /** A quoted string or name; the quote doubled, or after a backslash (strings only), stands for itself. */
    private String quoted(char quote) {
        int start = pos;
        StringBuilder sb = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == quote) {
                if (pos + 1 < text.length() && text.charAt(pos + 1) == quote) {
                    sb.append(quote);
                    pos += 2;
                    continue;
                }
                pos++;
                return sb.toString();
            }
            if (c == '\\' && quote == '\'' && pos + 1 < text.length() && text.charAt(pos + 1) == '\'') {
                sb.append('\'');
                pos += 2;
                continue;
            }
            sb.append(c);
            pos++;
        }
        throw error(start, quote == '\'' ? "unterminated string: no closing '" : "unterminated quoted name: no closing \"");
    }

    private Token number(int start) {
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        boolean integral = true;
        if (pos < text.length() && text.charAt(pos) == '.') {
            integral = false;
            pos++;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int e = pos + 1;
            if (e < text.length() && (text.charAt(e) == '+' || text.charAt(e) == '-')) {
                e++;
            }
            if (e < text.length() && Character.isDigit(text.charAt(e))) {
                integral = false;
                pos = e;
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
            }
        }
        String s = text.substring(start, pos);
        if (integral) {
            try {
                return new Token(Type.NUMBER, s, start, Long.parseLong(s));
            } catch (NumberFormatException e) {
                // too large for a long: a double
            }
        }
        double d = Double.parseDouble(s);
        if (Double.isInfinite(d)) {
            throw error(start, "the number " + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + " is out of range");
        }
        return new Token(Type.NUMBER, s, start, d);
    }

    // ---- errors

    private <T> T at(int offset, Supplier<T> step) {
        try {
            return step.get();
        } catch (Cql2Error e) {
            throw error(offset, e.getMessage());
        }
    }

    private InvalidParameterException error(int offset, String message) {
        return new InvalidParameterException(locator, "Invalid CQL2 text: " + where(text, offset) + ": " + message);
    }

    /** "column 17", or "line 2, column 5" past the first line (columns count UTF-16 units from 1). */
    static String where(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = offset - lineStart + 1;
        return line == 1 ? "column " + column : "line " + line + ", column " + column;
    }
}
