package io.shikong.core.fes;

import org.w3c.dom.Element;

/** Where a collect-all reader ({@link FilterProfile.Errors#COLLECT_ALL}) notes its problems. */
public interface FilterProblems {

    /** Notes one problem; reading goes on. */
    void problem(String message);

    /** Where an element is, for messages (e.g. {@code Filter of Rule 'water'}). */
    String in(Element e);
}
