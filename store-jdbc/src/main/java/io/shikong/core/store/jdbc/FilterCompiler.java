package io.shikong.core.store.jdbc;


import io.shikong.core.catalog.AttributeDefinition;
import io.shikong.core.catalog.AttributeType;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.cql2.Cql2Functions;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import io.shikong.core.feature.Values;
import java.util.List;
import java.util.Locale;
import org.geotools.api.filter.And;
import org.geotools.api.filter.BinaryComparisonOperator;
import org.geotools.api.filter.BinaryLogicOperator;
import org.geotools.api.filter.ExcludeFilter;
import org.geotools.api.filter.Filter;
import org.geotools.api.filter.Id;
import org.geotools.api.filter.IncludeFilter;
import org.geotools.api.filter.Not;
import org.geotools.api.filter.PropertyIsBetween;
import org.geotools.api.filter.PropertyIsEqualTo;
import org.geotools.api.filter.PropertyIsGreaterThan;
import org.geotools.api.filter.PropertyIsGreaterThanOrEqualTo;
import org.geotools.api.filter.PropertyIsLessThan;
import org.geotools.api.filter.PropertyIsLessThanOrEqualTo;
import org.geotools.api.filter.PropertyIsLike;
import org.geotools.api.filter.PropertyIsNil;
import org.geotools.api.filter.PropertyIsNotEqualTo;
import org.geotools.api.filter.PropertyIsNull;
import org.geotools.api.filter.expression.Add;
import org.geotools.api.filter.expression.BinaryExpression;
import org.geotools.api.filter.expression.Divide;
import org.geotools.api.filter.expression.Expression;
import org.geotools.api.filter.expression.Function;
import org.geotools.api.filter.expression.Multiply;
import org.geotools.api.filter.expression.Subtract;
import org.geotools.api.filter.expression.Literal;
import org.geotools.api.filter.expression.PropertyName;
import org.geotools.api.filter.identity.Identifier;
import org.geotools.api.filter.spatial.BBOX;
import org.geotools.api.filter.spatial.Beyond;
import org.geotools.api.filter.spatial.BinarySpatialOperator;
import org.geotools.api.filter.spatial.Contains;
import org.geotools.api.filter.spatial.Crosses;
import org.geotools.api.filter.spatial.DWithin;
import org.geotools.api.filter.spatial.Disjoint;
import org.geotools.api.filter.spatial.DistanceBufferOperator;
import org.geotools.api.filter.spatial.Equals;
import org.geotools.api.filter.spatial.Intersects;
import org.geotools.api.filter.spatial.Overlaps;
import org.geotools.api.filter.spatial.Touches;
import org.geotools.api.filter.spatial.Within;
import org.geotools.api.filter.temporal.After;
import org.geotools.api.filter.temporal.AnyInteracts;
import org.geotools.api.filter.temporal.Before;
import org.geotools.api.filter.temporal.Begins;
import org.geotools.api.filter.temporal.BegunBy;
import org.geotools.api.filter.temporal.BinaryTemporalOperator;
import org.geotools.api.filter.temporal.During;
import org.geotools.api.filter.temporal.EndedBy;
import org.geotools.api.filter.temporal.Ends;
import org.geotools.api.filter.temporal.Meets;
import org.geotools.api.filter.temporal.MetBy;
import org.geotools.api.filter.temporal.OverlappedBy;
import org.geotools.api.filter.temporal.TContains;
import org.geotools.api.filter.temporal.TEquals;
import org.geotools.api.filter.temporal.TOverlaps;
import org.geotools.api.geometry.BoundingBox;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.temporal.Instant;
import org.geotools.api.temporal.Period;
import org.geotools.referencing.CRS;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Compiles a GeoTools {@link Filter} on one layer into a parameterized SQL condition.
 *
 * <p>Supported: BBOX, Intersects, Disjoint, Contains, Within, Crosses, Touches, Overlaps, Equals,
 * DWithin and Beyond (distances in metres or kilometres, measured on the ellipsoid or in metres of a
 * projected storage CRS), the six comparisons, Between, Like (with the filter's own wildcards), Null/Nil,
 * Id, And/Or/Not, Include/Exclude, and all temporal operators (After, Before, AnyInteracts, Begins, BegunBy,
 * During, EndedBy, Ends, Meets, MetBy, OverlappedBy, TContains, TEquals, TOverlaps) on date and timestamp
 * properties, literals and CQL2 intervals ({@link Cql2Functions.Interval}, e.g. the valid time
 * {@code INTERVAL(valid_from, valid_to)}, whose NULL {@code valid_to} is an open end; see
 * {@link TemporalCondition}). Comparisons, Between and Like also take CQL2's CASEI and ACCENTI
 * ({@code LOWER}, {@code TRANSLATE} of the accented Latin letters), arithmetic ({@code + - * /} and CQL2's
 * {@code % div ^}; by zero a division, remainder or integer division is NULL) and properties or literals on either side; spatial operators of two literals are decided
 * here.
 *
 * <p>Every property must be one of the layer's queryable names; every literal is converted to the
 * property's type first; geometry literals are taken in the filter CRS (x = longitude/easting),
 * checked for validity and transformed to the storage CRS. Anything else is an
 * {@link InvalidParameterException} naming the problem, raised before any SQL is run.
 */
public final class FilterCompiler {

    private static final GeometryFactory GF = new GeometryFactory();
    private static final org.geotools.api.filter.FilterFactory FF = org.geotools.factory.CommonFactoryFinder.getFilterFactory();

    private final LayerDefinition layer;
    private final SqlDialect dialect;
    private final CrsService crsService;
    private final Crs storage;
    private final Crs filterCrs;
    private final String locator;
    private final int maxVertices;

    /**
     * @param filterCrs CRS of geometry literals without an explicit CRS; {@code null} = storage CRS
     * @param locator   the request parameter the filter came from, for error messages
     */
    public FilterCompiler(LayerDefinition layer, SqlDialect dialect, CrsService crsService, Crs filterCrs,
                          String locator) {
        this(layer, dialect, crsService, filterCrs, locator, Integer.MAX_VALUE);
    }

    /**
     * @param maxVertices geometry literals with more vertices are refused ({@code shikong.query.max-vertices}),
     *                    before they are checked or transformed
     */
    public FilterCompiler(LayerDefinition layer, SqlDialect dialect, CrsService crsService, Crs filterCrs,
                          String locator, int maxVertices) {
        this.maxVertices = maxVertices;
        this.layer = layer;
        this.dialect = dialect;
        this.crsService = crsService;
        this.storage = crsService.resolve("EPSG:" + layer.srid());
        this.filterCrs = filterCrs == null ? storage : filterCrs;
        this.locator = locator;
    }

    /** The SQL condition for {@code filter}; {@code null} or INCLUDE compile to a true condition. */
    public SqlBuilder compile(Filter filter) {
        SqlBuilder b = new SqlBuilder();
        try {
            write(b, filter == null ? Filter.INCLUDE : filter);
        } catch (RuntimeException e) {
            b.release(); // literals prepared before the failing part
            throw e;
        }
        return b;
    }

    private void write(SqlBuilder b, Filter f) {
        if (f instanceof IncludeFilter) {
            b.sql("1=1");
        } else if (f instanceof ExcludeFilter) {
            b.sql("1=0");
        } else if (f instanceof BinaryLogicOperator logic) {
            String op = logic instanceof And ? " AND " : " OR ";
            b.sql("(");
            List<Filter> children = logic.getChildren();
            for (int i = 0; i < children.size(); i++) {
                if (i > 0) {
                    b.sql(op);
                }
                write(b, children.get(i));
            }
            b.sql(")");
        } else if (f instanceof Not not) {
            b.sql("NOT (");
            write(b, not.getFilter());
            b.sql(")");
        } else if (f instanceof Id id) {
            writeId(b, id);
        } else if (f instanceof BinaryComparisonOperator cmp) {
            writeComparison(b, cmp);
        } else if (f instanceof PropertyIsBetween between && (!(between.getExpression() instanceof PropertyName)
                || !(between.getLowerBoundary() instanceof Literal) || !(between.getUpperBoundary() instanceof Literal))) {
            writeExpressionBetween(b, between);
        } else if (f instanceof PropertyIsBetween between) {
            Column c = scalar(between.getExpression(), "BETWEEN");
            b.sql("(" + c.sql + " BETWEEN ");
            b.param(literal(between.getLowerBoundary(), c));
            b.sql(" AND ");
            b.param(literal(between.getUpperBoundary(), c));
            b.sql(")");
        } else if (f instanceof PropertyIsLike like) {
            writeLike(b, like);
        } else if (f instanceof PropertyIsNull isNull) {
            b.sql(column(isNull.getExpression()).sql + " IS NULL");
        } else if (f instanceof PropertyIsNil isNil) {
            // GML output omits an absent value rather than writing xsi:nil, so no property is ever nil
            column(isNil.getExpression());
            b.sql("1=0");
        } else if (f instanceof BBOX bbox) {
            writeBbox(b, bbox);
        } else if (f instanceof DistanceBufferOperator distance) {
            writeDistance(b, distance);
        } else if (f instanceof BinarySpatialOperator spatial) {
            writeSpatial(b, spatial);
        } else if (f instanceof BinaryTemporalOperator temporal) {
            writeTemporal(b, temporal);
        } else {
            throw unsupported(f.getClass().getSimpleName().replace("Impl", ""));
        }
    }

    private void writeId(SqlBuilder b, Id id) {
        if (id.getIdentifiers().isEmpty()) {
            b.sql("1=0");
            return;
        }
        Column c = idColumn();
        b.sql(c.sql + " IN (");
        int i = 0;
        for (Identifier identifier : id.getIdentifiers()) {
            if (i++ > 0) {
                b.sql(", ");
            }
            b.param(Values.convert(String.valueOf(identifier.getID()), c.type, layer.idAttribute()));
        }
        b.sql(")");
    }

    private void writeComparison(SqlBuilder b, BinaryComparisonOperator cmp) {
        String op;
        if (cmp instanceof PropertyIsEqualTo) {
            op = "=";
        } else if (cmp instanceof PropertyIsNotEqualTo) {
            op = "<>";
        } else if (cmp instanceof PropertyIsLessThan) {
            op = "<";
        } else if (cmp instanceof PropertyIsLessThanOrEqualTo) {
            op = "<=";
        } else if (cmp instanceof PropertyIsGreaterThan) {
            op = ">";
        } else if (cmp instanceof PropertyIsGreaterThanOrEqualTo) {
            op = ">=";
        } else {
            throw unsupported(cmp.getClass().getSimpleName());
        }
        Expression left = cmp.getExpression1();
        Expression right = cmp.getExpression2();
        if (left instanceof Literal && right instanceof PropertyName) {
            Expression t = left;
            left = right;
            right = t;
            op = switch (op) {
                case "<" -> ">";
                case "<=" -> ">=";
                case ">" -> "<";
                case ">=" -> "<=";
                default -> op;
            };
        }
        if (!simple(left) || !simple(right) || left instanceof Literal && right instanceof Literal) {
            writeExpressionComparison(b, op, left, right);
            return;
        }
        if (left instanceof PropertyName && right instanceof PropertyName) {
            Column l = scalar(left, op);
            Column r = scalar(right, op);
            if (!comparable(l.type, r.type)) {
                throw new InvalidParameterException(locator, "cannot compare '" + l.name + "' (" + typeName(l)
                        + ") with '" + r.name + "' (" + typeName(r) + ")");
            }
            b.sql("(" + l.sql + " " + op + " " + r.sql + ")");
            return;
        }
        Column c = scalar(left, op);
        b.sql("(" + c.sql + " " + op + " ");
        b.param(literal(right, c));
        b.sql(")");
    }

    private void writeLike(SqlBuilder b, PropertyIsLike like) {
        String text = textSql(like.getExpression());
        String pattern = like.getLiteral();
        String multi = like.getWildCard();
        String single = like.getSingleChar();
        String escape = like.getEscape();
        StringBuilder sqlPattern = new StringBuilder();
        for (int i = 0; i < pattern.length(); ) {
            if (escape != null && !escape.isEmpty() && pattern.startsWith(escape, i) && i + escape.length() < pattern.length()) {
                i += escape.length();
                char ch = pattern.charAt(i++);
                appendLiteral(sqlPattern, ch);
            } else if (pattern.startsWith(multi, i)) {
                sqlPattern.append('%');
                i += multi.length();
            } else if (pattern.startsWith(single, i)) {
                sqlPattern.append('_');
                i += single.length();
            } else {
                appendLiteral(sqlPattern, pattern.charAt(i++));
            }
        }
        dialect.like(b, text, sqlPattern.toString(), like.isMatchingCase());
    }

    private static void appendLiteral(StringBuilder sb, char ch) {
        if (ch == '%' || ch == '_' || ch == '\\') {
            sb.append('\\');
        }
        sb.append(ch);
    }

    private void writeBbox(SqlBuilder b, BBOX bbox) {
        Column c = geometryColumn(bbox.getExpression1(), bbox.getExpression2());
        Object value = ((Literal) (bbox.getExpression2() instanceof Literal ? bbox.getExpression2() : bbox.getExpression1())).getValue();
        Envelope env;
        Crs crs = filterCrs;
        if (value instanceof BoundingBox box) {
            env = new Envelope(box.getMinX(), box.getMaxX(), box.getMinY(), box.getMaxY());
            crs = crsOf(box.getCoordinateReferenceSystem(), crs);
        } else if (value instanceof Geometry g) {
            env = g.getEnvelopeInternal();
            if (g.getSRID() > 0) {
                crs = crsService.resolve("EPSG:" + g.getSRID());
            }
        } else {
            throw new InvalidParameterException(locator, "BBOX needs a bounding box");
        }
        if (env.isNull()) {
            throw new InvalidParameterException(locator, "BBOX is empty");
        }
        Envelope target = crs.equals(storage) ? env : crsService.transform(env, crs, storage);
        dialect.intersectsEnvelope(b, c.sql, target, layer.srid());
    }

    private void writeSpatial(SqlBuilder b, BinarySpatialOperator op) {
        if (op.getExpression1() instanceof Literal && op.getExpression2() instanceof Literal) {
            // two literals (CQL2 allows it): decided here, on the geometries as the store would see them
            b.sql(relate(op) ? "1=1" : "1=0");
            return;
        }
        boolean swapped = op.getExpression1() instanceof Literal;
        Column c = geometryColumn(op.getExpression1(), op.getExpression2());
        Geometry g = geometryLiteral(swapped ? op.getExpression1() : op.getExpression2());
        String function;
        boolean negate = false;
        if (op instanceof Intersects) {
            function = "ST_Intersects";
        } else if (op instanceof Disjoint) {
            function = "ST_Intersects";
            negate = true;
        } else if (op instanceof Contains) {
            function = swapped ? "ST_Within" : "ST_Contains";
        } else if (op instanceof Within) {
            function = swapped ? "ST_Contains" : "ST_Within";
        } else if (op instanceof Crosses) {
            function = "ST_Crosses";
        } else if (op instanceof Touches) {
            function = "ST_Touches";
        } else if (op instanceof Overlaps) {
            function = "ST_Overlaps";
        } else if (op instanceof Equals) {
            function = "ST_Equals";
        } else {
            throw unsupported(op.getClass().getSimpleName());
        }
        dialect.spatialPredicate(b, function, c.sql, g, layer.srid(), negate);
    }

    private void writeDistance(SqlBuilder b, DistanceBufferOperator op) {
        boolean swapped = op.getExpression1() instanceof Literal;
        Column c = geometryColumn(op.getExpression1(), op.getExpression2());
        Geometry g = geometryLiteral(swapped ? op.getExpression1() : op.getExpression2());
        double meters = meters(op.getDistance(), op.getDistanceUnits());
        if (!(meters >= 0) || Double.isInfinite(meters)) {
            throw new InvalidParameterException(locator, "distance must be a non-negative number, not " + op.getDistance());
        }
        if (!(op instanceof DWithin) && !(op instanceof Beyond)) {
            throw unsupported(op.getClass().getSimpleName());
        }
        dialect.distanceWithin(b, c.sql, g, meters, layer.srid(), storage.geographic(), op instanceof Beyond);
    }

    private double meters(double distance, String units) {
        String u = units == null ? "m" : units.trim().toLowerCase(Locale.ROOT);
        return switch (u) {
            case "", "m", "meter", "meters", "metre", "metres", "uom:m" -> distance;
            case "km", "kilometer", "kilometers", "kilometre", "kilometres" -> distance * 1000;
            default -> throw new InvalidParameterException(locator, "distance unit '" + units
                    + "' is not supported; use meters or kilometers");
        };
    }

    private void writeTemporal(SqlBuilder b, BinaryTemporalOperator op) {
        TemporalCondition.Bound[] x = bounds(op.getExpression1());
        TemporalCondition.Bound[] y = bounds(op.getExpression2());
        TemporalCondition.write(b, relation(op), x[0], x[1], y[0], y[1]);
    }

    private String relation(BinaryTemporalOperator op) {
        if (op instanceof After) {
            return "After";
        } else if (op instanceof Before) {
            return "Before";
        } else if (op instanceof AnyInteracts) {
            return "AnyInteracts";
        } else if (op instanceof During) {
            return "During";
        } else if (op instanceof TContains) {
            return "TContains";
        } else if (op instanceof TEquals) {
            return "TEquals";
        } else if (op instanceof Begins) {
            return "Begins";
        } else if (op instanceof BegunBy) {
            return "BegunBy";
        } else if (op instanceof Ends) {
            return "Ends";
        } else if (op instanceof EndedBy) {
            return "EndedBy";
        } else if (op instanceof Meets) {
            return "Meets";
        } else if (op instanceof MetBy) {
            return "MetBy";
        } else if (op instanceof TOverlaps) {
            return "TOverlaps";
        } else if (op instanceof OverlappedBy) {
            return "OverlappedBy";
        }
        throw unsupported(op.getClass().getSimpleName());
    }

    /** The begin and end of a temporal operand: a property or literal is an instant, an interval a period. */
    private TemporalCondition.Bound[] bounds(Expression e) {
        if (e instanceof Cql2Functions.Interval interval) {
            return new TemporalCondition.Bound[] {end(interval.start(), -1), end(interval.end(), 1)};
        }
        if (e instanceof PropertyName) {
            TemporalCondition.Col c = temporalColumn(e, 0);
            return new TemporalCondition.Bound[] {c, c};
        }
        if (e instanceof Literal lit && lit.getValue() instanceof Period period) {
            return new TemporalCondition.Bound[] {value(instant(period.getBeginning())), value(instant(period.getEnding()))};
        }
        if (e instanceof Literal lit) {
            TemporalCondition.Bound v = value(lit.getValue() instanceof Instant i ? instant(i) : lit.getValue());
            return new TemporalCondition.Bound[] {v, v};
        }
        throw new InvalidParameterException(locator, "a temporal operator takes dates, timestamps, intervals or "
                + "date and timestamp properties, not '" + e + "'");
    }

    /** An end of an interval; {@code sign} says which: -1 the start, 1 the end. */
    private TemporalCondition.Bound end(Expression e, int sign) {
        if (e instanceof Literal lit && Cql2Functions.Interval.OPEN.equals(lit.getValue())) {
            return new TemporalCondition.Unbounded(sign);
        }
        if (e instanceof PropertyName) {
            return temporalColumn(e, sign);
        }
        if (e instanceof Literal lit) {
            return value(lit.getValue());
        }
        throw new InvalidParameterException(locator, "an end of an interval is a date, a timestamp, '..' or a "
                + "property, not '" + e + "'");
    }

    private TemporalCondition.Col temporalColumn(Expression e, int nullSign) {
        Column c = scalar(e, "a temporal operator");
        if (!c.type.temporal()) {
            throw new InvalidParameterException(locator, "temporal operator on '" + c.name
                    + "', which is not a date or timestamp property");
        }
        return new TemporalCondition.Col(c.sql, c.type, nullSign);
    }

    private TemporalCondition.Value value(Object v) {
        try {
            return TemporalCondition.Value.of(v);
        } catch (RuntimeException e) {
            throw new InvalidParameterException(locator, "'" + v + "' is not a date or timestamp (years 1 to 9999)", e);
        }
    }

    private static boolean simple(Expression e) {
        return e instanceof PropertyName || e instanceof Literal;
    }

    /** A comparison of expressions (CASEI, ACCENTI, arithmetic, two literals): literals take the other side's type. */
    private void writeExpressionComparison(SqlBuilder b, String op, Expression left, Expression right) {
        AttributeType t1 = typeOf(left);
        AttributeType t2 = typeOf(right);
        if (t1 != null && t2 != null && !comparable(t1, t2)) {
            throw new InvalidParameterException(locator, "cannot compare " + t1.name().toLowerCase(Locale.ROOT)
                    + " '" + left + "' with " + t2.name().toLowerCase(Locale.ROOT) + " '" + right + "'");
        }
        AttributeType hint = t1 != null ? t1 : t2;
        b.sql("(");
        writeExpression(b, left, hint);
        b.sql(" " + op + " ");
        writeExpression(b, right, hint);
        b.sql(")");
    }

    private void writeExpressionBetween(SqlBuilder b, PropertyIsBetween between) {
        Expression e = between.getExpression();
        AttributeType hint = typeOf(e);
        for (Expression bound : List.of(between.getLowerBoundary(), between.getUpperBoundary())) {
            AttributeType t = typeOf(bound);
            if (hint != null && t != null && !comparable(hint, t)) {
                throw new InvalidParameterException(locator, "BETWEEN cannot compare " + hint.name().toLowerCase(Locale.ROOT)
                        + " '" + e + "' with " + t.name().toLowerCase(Locale.ROOT) + " '" + bound + "'");
            }
            hint = hint == null ? t : hint;
        }
        b.sql("(");
        writeExpression(b, e, hint);
        b.sql(" BETWEEN ");
        writeExpression(b, between.getLowerBoundary(), hint);
        b.sql(" AND ");
        writeExpression(b, between.getUpperBoundary(), hint);
        b.sql(")");
    }

    private static boolean comparable(AttributeType a, AttributeType b) {
        return a == b || numeric(a) && numeric(b) || a.temporal() && b.temporal();
    }

    private static boolean numeric(AttributeType t) {
        return t == AttributeType.INTEGER || t == AttributeType.LONG || t == AttributeType.DOUBLE;
    }

    /** The type of an expression's value; {@code null} for a literal (it takes the type it is compared with). */
    private AttributeType typeOf(Expression e) {
        if (e instanceof PropertyName) {
            return scalar(e, "a comparison").type;
        } else if (e instanceof Literal) {
            return null;
        } else if (e instanceof Cql2Functions.Casei || e instanceof Cql2Functions.Accenti) {
            AttributeType t = typeOf(((Function) e).getParameters().get(0));
            if (t != null && t != AttributeType.STRING) {
                throw new InvalidParameterException(locator, ((Function) e).getName().toUpperCase(Locale.ROOT)
                        + " takes text, not " + t.name().toLowerCase(Locale.ROOT));
            }
            return AttributeType.STRING;
        } else if (e instanceof Add || e instanceof Subtract || e instanceof Multiply || e instanceof Divide
                || e instanceof Cql2Functions.Arithmetic) {
            List<Expression> operands = e instanceof BinaryExpression a ? List.of(a.getExpression1(), a.getExpression2())
                    : ((Function) e).getParameters();
            for (Expression operand : operands) {
                AttributeType t = typeOf(operand);
                if (t != null && !numeric(t)) {
                    throw new InvalidParameterException(locator, "arithmetic takes numbers, not "
                            + t.name().toLowerCase(Locale.ROOT) + " '" + operand + "'");
                }
            }
            return AttributeType.DOUBLE;
        }
        throw unsupported(e instanceof Function f ? "function " + f.getName() : e.getClass().getSimpleName());
    }

    private void writeExpression(SqlBuilder b, Expression e, AttributeType hint) {
        if (e instanceof PropertyName) {
            b.sql(scalar(e, "a comparison").sql);
        } else if (e instanceof Literal lit) {
            Object v = lit.getValue();
            if (v instanceof Instant i) {
                v = instant(i);
            } else if (v instanceof java.util.Date d) {
                v = d.toInstant();
            }
            b.param(hint == null ? v : Values.convert(v, hint, "filter"));
        } else if (e instanceof Cql2Functions.Casei || e instanceof Cql2Functions.Accenti) {
            b.sql(e instanceof Cql2Functions.Casei ? "LOWER(" : "TRANSLATE(");
            writeExpression(b, ((Function) e).getParameters().get(0), AttributeType.STRING);
            b.sql(e instanceof Cql2Functions.Casei ? ")" : ", " + ACCENTS + ")");
        } else if (e instanceof Cql2Functions.Arithmetic f) {
            Expression x = f.getParameters().get(0);
            Expression y = f.getParameters().get(1);
            switch (f.getName()) {
                case Cql2Functions.Arithmetic.POWER -> {
                    b.sql("POWER(CAST(");
                    writeExpression(b, x, AttributeType.DOUBLE);
                    b.sql(" AS DOUBLE PRECISION), ");
                    writeExpression(b, y, AttributeType.DOUBLE);
                    b.sql(")");
                }
                case Cql2Functions.Arithmetic.DIV -> {
                    b.sql("TRUNC(");
                    writeExpression(b, FF.divide(x, y), AttributeType.DOUBLE);
                    b.sql(")");
                }
                default -> {
                    // a - b * trunc(a / b): the remainder with the dividend's sign, in doubles on both databases
                    b.sql("(");
                    writeExpression(b, x, AttributeType.DOUBLE);
                    b.sql(" - ");
                    writeExpression(b, y, AttributeType.DOUBLE);
                    b.sql(" * TRUNC(");
                    writeExpression(b, FF.divide(x, y), AttributeType.DOUBLE);
                    b.sql("))");
                }
            }
        } else if (e instanceof Divide d) {
            // CQL2's / is a real division; by zero it is NULL (no row matches) rather than a database error
            b.sql("(CAST(");
            writeExpression(b, d.getExpression1(), AttributeType.DOUBLE);
            b.sql(" AS DOUBLE PRECISION) / NULLIF(");
            writeExpression(b, d.getExpression2(), AttributeType.DOUBLE);
            b.sql(", 0))");
        } else if (e instanceof BinaryExpression a) {
            b.sql("(");
            writeExpression(b, a.getExpression1(), AttributeType.DOUBLE);
            b.sql(e instanceof Add ? " + " : e instanceof Subtract ? " - " : " * ");
            writeExpression(b, a.getExpression2(), AttributeType.DOUBLE);
            b.sql(")");
        } else {
            typeOf(e); // names what is not supported
        }
    }

    /** The arguments of TRANSLATE for ACCENTI: constant letters of the catalog's own, no user text. */
    private static final String ACCENTS = "'" + Cql2Functions.ACCENTED + "', '" + Cql2Functions.UNACCENTED + "'";

    /** SQL of a text expression without parameters (a text property, CASEI and ACCENTI of one), for LIKE. */
    private String textSql(Expression e) {
        if (e instanceof Cql2Functions.Casei c) {
            return "LOWER(" + textSql(c.getParameters().get(0)) + ")";
        }
        if (e instanceof Cql2Functions.Accenti a) {
            return "TRANSLATE(" + textSql(a.getParameters().get(0)) + ", " + ACCENTS + ")";
        }
        Column c = scalar(e, "LIKE");
        if (c.type != AttributeType.STRING) {
            throw new InvalidParameterException(locator, "LIKE needs a text property; '" + c.name + "' is "
                    + c.type.name().toLowerCase(Locale.ROOT));
        }
        return c.sql;
    }

    /** Whether two geometry literals stand in the relation of {@code op}, in the storage CRS. */
    private boolean relate(BinarySpatialOperator op) {
        Geometry a = geometryLiteral(op.getExpression1());
        Geometry g = geometryLiteral(op.getExpression2());
        if (op instanceof Intersects) {
            return a.intersects(g);
        } else if (op instanceof Disjoint) {
            return a.disjoint(g);
        } else if (op instanceof Contains) {
            return a.contains(g);
        } else if (op instanceof Within) {
            return a.within(g);
        } else if (op instanceof Crosses) {
            return a.crosses(g);
        } else if (op instanceof Touches) {
            return a.touches(g);
        } else if (op instanceof Overlaps) {
            return a.overlaps(g);
        } else if (op instanceof Equals) {
            return a.equalsTopo(g);
        }
        throw unsupported(op.getClass().getSimpleName());
    }

    private static java.time.Instant instant(Instant i) {
        return i.getPosition().getDate().toInstant();
    }

    private Object literal(Expression e, Column c) {
        if (!(e instanceof Literal lit)) {
            throw new InvalidParameterException(locator, "only comparisons of a property with a literal are supported");
        }
        Object v = lit.getValue();
        if (v instanceof Instant i) {
            v = instant(i);
        }
        return Values.convert(v, c.type, c.name);
    }

    private Geometry geometryLiteral(Expression e) {
        if (!(e instanceof Literal lit)) {
            throw new InvalidParameterException(locator, "a spatial operator needs a geometry literal");
        }
        Object v = lit.getValue();
        Geometry g;
        if (v instanceof Geometry geometry) {
            g = geometry;
        } else if (v instanceof BoundingBox box) {
            g = GF.toGeometry(new Envelope(box.getMinX(), box.getMaxX(), box.getMinY(), box.getMaxY()));
        } else {
            throw new InvalidParameterException(locator, "'" + v + "' is not a geometry");
        }
        if (g.isEmpty()) {
            throw new InvalidParameterException(locator, "the filter's geometry is empty");
        }
        if (g.getNumPoints() > maxVertices) {
            throw new InvalidParameterException(locator, "the filter's geometry has " + g.getNumPoints()
                    + " vertices; at most " + maxVertices + " are accepted (shikong.query.max-vertices)");
        }
        TopologyValidationError error = new IsValidOp(g).getValidationError();
        if (error != null) {
            throw new InvalidParameterException(locator, "the filter's geometry is not valid: " + error.getMessage()
                    + " at (" + error.getCoordinate().x + " " + error.getCoordinate().y + ")");
        }
        Crs crs = g.getSRID() > 0 ? crsService.resolve("EPSG:" + g.getSRID()) : filterCrs;
        return crs.equals(storage) ? g : crsService.transform(g, crs, storage);
    }

    private Crs crsOf(CoordinateReferenceSystem crs, Crs fallback) {
        if (crs == null) {
            return fallback;
        }
        try {
            Integer code = CRS.lookupEpsgCode(crs, false);
            return code == null ? fallback : crsService.resolve("EPSG:" + code);
        } catch (Exception e) {
            throw new InvalidParameterException(locator, "unknown CRS in filter: " + crs.getName(), e);
        }
    }

    private Column geometryColumn(Expression e1, Expression e2) {
        Expression property = e1 instanceof PropertyName ? e1 : e2;
        Expression other = property == e1 ? e2 : e1;
        if (!(property instanceof PropertyName) || !(other instanceof Literal)) {
            throw new InvalidParameterException(locator, "a spatial operator needs the geometry property and a geometry literal");
        }
        Column c = column(property);
        if (!c.geometry) {
            throw new InvalidParameterException(locator, "'" + c.name + "' is not the geometry property; use '"
                    + layer.geometryColumn() + "'");
        }
        return c;
    }

    /**
     * GML's standard properties: gml:name, gml:description and gml:identifier are the attributes the
     * catalog maps them to, or always absent (SQL NULL: IS NULL holds, comparisons never do);
     * gml:boundedBy is derived from the geometry and cannot be compared.
     */
    private Column gmlColumn(String local) {
        if (io.shikong.core.catalog.GmlProperties.isStandard(local)) {
            String attribute = layer.gml().attributeFor(local);
            if (attribute == null) {
                return new Column("gml:" + local, "CAST(NULL AS VARCHAR(1))", AttributeType.STRING, false);
            }
            return new Column(attribute, dialect.quote(attribute), AttributeType.STRING, false);
        }
        if (local.equals("boundedBy")) {
            throw new ShikongException(OgcCode.OPERATION_PROCESSING_FAILED, locator,
                    "gml:boundedBy is derived from the geometry and cannot be compared; use a spatial operator "
                            + "on '" + layer.geometryColumn() + "'");
        }
        throw new InvalidParameterException(locator, "unknown property 'gml:" + local + "' in layer '" + layer.name()
                + "' (GML properties: gml:name, gml:description, gml:identifier)");
    }

    private Column idColumn() {
        return new Column(layer.idAttribute(), dialect.quote(layer.idAttribute()), layer.idType(), false);
    }

    private Column column(Expression e) {
        if (!(e instanceof PropertyName p)) {
            throw new InvalidParameterException(locator, "expected a property name, found '" + e + "'");
        }
        String name = p.getPropertyName();
        if (name.startsWith("gml:")) {
            return gmlColumn(name.substring(4));
        }
        if (name.contains(":")) {
            name = name.substring(name.indexOf(':') + 1);
        }
        if (name.equals(layer.idAttribute())) {
            return idColumn();
        }
        if (name.equals(layer.geometryColumn())) {
            return new Column(name, dialect.quote(name), null, true);
        }
        if (name.equals(layer.validFromColumn()) || name.equals(layer.validToColumn())) {
            return new Column(name, dialect.quote(name), AttributeType.TIMESTAMP, false);
        }
        AttributeDefinition a = layer.attribute(name).orElseThrow(() -> new InvalidParameterException(locator,
                "unknown property '" + p.getPropertyName() + "' in layer '" + layer.name() + "' (properties: "
                        + String.join(", ", layer.queryableNames()) + ")"));
        return new Column(name, dialect.quote(name), a.type(), false);
    }

    /** A non-geometry property: the geometry only goes with spatial operators. */
    private Column scalar(Expression e, String operator) {
        Column c = column(e);
        if (c.geometry) {
            throw new InvalidParameterException(locator, "the geometry property '" + c.name + "' cannot be used with "
                    + operator + "; use a spatial operator");
        }
        return c;
    }

    private static String typeName(Column c) {
        return c.type.name().toLowerCase(Locale.ROOT);
    }

    private InvalidParameterException unsupported(String what) {
        return new InvalidParameterException(locator, "filter operator " + what + " is not supported");
    }

    private record Column(String name, String sql, AttributeType type, boolean geometry) {
    }
}
