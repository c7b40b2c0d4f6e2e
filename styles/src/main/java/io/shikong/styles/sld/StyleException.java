package io.shikong.styles.sld;

import java.util.List;

/**
 * A style document that cannot be used: not well-formed, refused for security (a DOCTYPE, too large),
 * or holding elements, parameters or values the model does not support. Every problem found in one
 * document is listed, each naming the element and, inside a rule, the rule.
 */
public final class StyleException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    /** @param problems one message per problem, at least one */
    public StyleException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One problem, keeping its cause. */
    public StyleException(String problem, Throwable cause) {
        super(problem, cause);
        this.problems = List.of(problem);
    }

    /** Every problem found, in document order. */
    public List<String> problems() {
        return problems;
    }
}
