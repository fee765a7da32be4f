package io.gridloop.metrics;

import io.gridloop.process.Step;

/** The decisions of the loop's forms that the counting rules look at (values of the forms' decision fields). */
final class StepOutcome {

    private StepOutcome() {}

    static final String REGISTER = "REGISTER";
    static final String FEEDBACK = "FEEDBACK";
    static final String RETURN = "RETURN";
    static final String APPROVED = "APPROVED";
    static final String PASSED = "PASSED";
    static final String ACCEPTED = "ACCEPTED";
    static final String SATISFIED = "SATISFIED";
    static final String BASICALLY_SATISFIED = "BASICALLY_SATISFIED";
    static final String DISSATISFIED = "DISSATISFIED";

    /** A failed check, or a dissatisfaction the review accepted, sends the case back to handling: rework (返工). */
    static boolean startsRework(String step, String outcome) {
        return (Step.CHECK.name().equals(step) && outcome != null && !PASSED.equals(outcome))
                || (Step.REVIEW_DISSATISFACTION.name().equals(step) && ACCEPTED.equals(outcome));
    }
}
