package io.shikong.core.fes;

/**
 * What a {@link FilterReader} accepts and how it reports problems.
 *
 * <p>Both profiles read PropertyIsLike the same way: FES 2.0 makes wildCard, singleChar and escapeChar
 * required attributes; when a client leaves one out (Filter 1.0/1.1 documents, hand-written filters) it is
 * {@code *}, {@code ?} and {@code \} (Filter 1.0's {@code escape} is read as escapeChar), each a single
 * character.
 *
 * @param purpose      what the filters are for, in refusals ({@code style rules})
 * @param advice       appended to refusals of spatial, temporal and identifier operators
 * @param resourceIds  ResourceId/FeatureId/GmlObjectId, with FES 2.0 version navigation
 * @param spatial      BBOX, the eight relations, DWithin and Beyond (needs {@link GeometryOperands})
 * @param temporal     After, Before, TEquals and During
 * @param nil          PropertyIsNil
 * @param arithmetic   Add, Sub, Mul and Div (the SQL compiler compiles none, so WFS refuses them)
 * @param pathSteps    value references are XPath-lenient ({@code a/b} is {@code b}; {@code gml:name} keeps its
 *                     prefix); otherwise an XPath is refused and a prefix dropped
 * @param elementLiterals a Literal with element content (a gml:Envelope compared with gml:boundedBy) is read
 *                     as its text, left for the SQL compiler to refuse as OperationProcessingFailed (as the
 *                     OGC suite expects); otherwise it is a problem
 * @param anyNamespace operators in any (or no) namespace, as WFS clients send them; otherwise only
 *                     {@code ogc:} and {@code fes:} elements
 * @param errors       throw at the first problem, or collect them all into {@link FilterProblems}
 */
public record FilterProfile(String purpose, String advice, boolean resourceIds, boolean spatial, boolean temporal,
        boolean nil, boolean arithmetic, boolean pathSteps, boolean elementLiterals, boolean anyNamespace,
        Errors errors) {

    /** How problems are reported. */
    public enum Errors {
        /** an InvalidParameterValue on the reader's locator at the first problem */
        THROW_FIRST,
        /** every problem noted in {@link FilterProblems}, the filter read as null */
        COLLECT_ALL
    }

    /** WFS queries, transactions and locks: everything {@code store.jdbc.FilterCompiler} compiles. */
    public static final FilterProfile WFS = new FilterProfile("WFS filters", "", true, true, true, true, false, true,
            true, true, Errors.THROW_FIRST);

    /** SLD/SE rule filters, evaluated in memory by the renderer: attributes and arithmetic, no ids, space or time. */
    public static final FilterProfile SLD = new FilterProfile("style rules",
            ": select by attributes; space and time come from the request", false, false, false, false, true, false,
            false, false, Errors.COLLECT_ALL);
}
