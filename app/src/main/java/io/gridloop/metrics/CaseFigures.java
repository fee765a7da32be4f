package io.gridloop.metrics;

import static io.gridloop.metrics.Indicator.*;

import io.gridloop.process.Step;
import io.gridloop.deadline.WorkingTime;
import java.time.Instant;
import java.util.List;

/**
 * The counting rules (../shared/domain.md, "Counting rules in practice"): which counts one case adds to its unit in a
 * period, from its case file row and its step facts. A case counts once per count; it belongs to the period in which the
 * counted event happened. Every rule is also said in words in messages*.properties ({@code evaluation.*.rule}).
 */
final class CaseFigures {

    /** A case file row as the evaluation reads it. */
    record CaseRow(long id, String status, String channel, boolean selfResolved, String reportedBy, String streetCode,
                   String communityCode, String gridCode, String departmentCode, Instant reportedAt, Instant registeredAt,
                   Instant closedAt) {}

    /** A step fact (gl_step_fact). */
    record Fact(String step, Instant startedAt, Instant dueAt, Instant finishedAt, Boolean onTime, String outcome,
                Long workingSeconds, boolean rework, boolean returned) {

        boolean completed() {
            return finishedAt != null && outcome != null;
        }

        boolean is(Step s) {
            return s.name().equals(step);
        }
    }

    /**
     * The period: from the start of its first day to the start of the day after its last (dates inclusive, in the
     * district's zone); open work is judged as of its end, or now if that is earlier.
     */
    record Period(Instant start, Instant end, Instant asOf) {
        boolean contains(Instant t) {
            return t != null && !t.isBefore(start) && t.isBefore(end);
        }
    }

    private CaseFigures() {}

    /** Every count of the case in the period: its events in the period, and its state as the period is judged. */
    static void count(CaseRow c, List<Fact> facts, Period p, EvaluationSettings settings, WorkingTime workingTime, Tally t) {
        countEvents(c, facts, p, settings, workingTime, t);
        countState(c, facts, p.asOf(), settings, t);
    }

    /**
     * The counts of what happened in the period. Each of them happens on one day at most and stays on it once it happened
     * (the first return, the first approved extension, the first hold, the first rework, the first valid callback answer,
     * a final status on the day it was reached), so the counts of a period are the sums of its days' counts: the
     * evaluation's summaries ({@link EvaluationRollup}) add them up by day and month.
     */
    static void countEvents(CaseRow c, List<Fact> facts, Period p, EvaluationSettings settings, WorkingTime workingTime, Tally t) {
        if (p.contains(c.reportedAt())) {
            t.add(REPORTS);
        }
        if (p.contains(c.closedAt())) {
            switch (c.status()) {
                case "REJECTED" -> t.add(REJECTED);
                case "NOT_CONFIRMED" -> t.add(NOT_CONFIRMED);
                case "MERGED" -> t.add(MERGED);
                default -> { }
            }
            // voided (作废) on the day the case reached its voiding status: a registration voided later is not undone
            if (c.registeredAt() != null && settings.voidedStatuses().contains(c.status())) {
                t.add(VOIDED);
            }
        }
        if (p.contains(c.registeredAt())) {
            t.add(REGISTERED);
            if (registeredOnTime(facts)) {
                t.add(REGISTERED_ON_TIME);
            }
            if (c.selfResolved()) {
                t.add(SELF_RESOLVED);
            }
        }

        Instant dispatchedAt = dispatchedAt(facts);
        if (p.contains(dispatchedAt)) {
            t.add(DISPATCHED);
        }
        // handled (处置): the lead department's feedback sent the case to the check for the first time
        Instant handledAt = handledAt(facts);
        boolean filedInPeriod = "FILED".equals(c.status()) && p.contains(c.closedAt());
        if (p.contains(handledAt)) {
            t.add(HANDLED);
            t.add(DUE_TO_CLOSE);
            if (noLateHandling(facts, handledAt)) {
                t.add(HANDLED_ON_TIME);
            }
            if (dispatchedAt != null) {
                t.addHandlingSeconds(handlingSeconds(facts, dispatchedAt, handledAt, workingTime));
            }
        } else if (c.selfResolved() && filedInPeriod) {
            // handled on the spot by the grid worker: due and closed at once
            t.add(DUE_TO_CLOSE);
        }
        if (filedInPeriod) {
            t.add(FILED);
            if (c.selfResolved() || noLateHandling(facts, Instant.MAX)) {
                t.add(FILED_ON_TIME);
            }
        }

        // once per case, on the day of its first such event
        if (p.contains(first(facts, Fact::returned, Fact::finishedAt))) {
            t.add(RETURNED);
        }
        if (p.contains(first(facts, f -> f.is(Step.APPROVE_EXTENSION) && StepOutcome.APPROVED.equals(f.outcome()), Fact::finishedAt))) {
            t.add(EXTENDED);
        }
        if (p.contains(first(facts, f -> f.is(Step.ON_HOLD), Fact::startedAt))) {
            t.add(HELD);
        }
        if (p.contains(first(facts, f -> StepOutcome.startsRework(f.step(), f.outcome()), Fact::finishedAt))) {
            t.add(REWORKED);
        }
        t.add(OVERDUE_STEPS, facts.stream().filter(f -> overdueStep(f, p)).count());

        // the first valid callback answer (unreachable callers are no answer): calling again until satisfied changes nothing
        Fact answer = facts.stream().filter(f -> f.is(Step.CALLBACK) && f.completed() && validAnswer(f.outcome()))
                .min(java.util.Comparator.comparing(Fact::finishedAt)).orElse(null);
        if (answer != null && p.contains(answer.finishedAt())) {
            String o = answer.outcome();
            t.add(CALLBACKS);
            t.add(o.equals(StepOutcome.SATISFIED) ? SATISFIED
                    : o.equals(StepOutcome.BASICALLY_SATISFIED) ? BASICALLY_SATISFIED : DISSATISFIED);
        }
    }

    /** The state as the period is judged: overdue and still to be handled (超期待处置), then also due to be closed. */
    static void countState(CaseRow c, List<Fact> facts, Instant asOf, EvaluationSettings settings, Tally t) {
        if (overduePending(c, facts, asOf, settings)) {
            t.add(OVERDUE_PENDING);
            t.add(DUE_TO_CLOSE);
        }
    }

    private static boolean validAnswer(String o) {
        return o.equals(StepOutcome.SATISFIED) || o.equals(StepOutcome.BASICALLY_SATISFIED) || o.equals(StepOutcome.DISSATISFIED);
    }

    /** When the first fact that matches happened (by that moment), or null. */
    private static Instant first(List<Fact> facts, java.util.function.Predicate<Fact> which, java.util.function.Function<Fact, Instant> when) {
        Instant first = null;
        for (Fact f : facts) {
            Instant at = which.test(f) ? when.apply(f) : null;
            if (at != null && (first == null || at.isBefore(first))) {
                first = at;
            }
        }
        return first;
    }

    /** The first dispatch's moment, or null. */
    static Instant dispatchedAt(List<Fact> facts) {
        return facts.stream().filter(f -> f.is(Step.DISPATCH) && f.completed()).map(Fact::finishedAt).findFirst().orElse(null);
    }

    /** Handled (处置): the moment the case first went to the check, or null. */
    static Instant handledAt(List<Fact> facts) {
        return facts.stream().filter(f -> f.is(Step.CHECK)).map(Fact::startedAt).findFirst().orElse(null);
    }

    /**
     * The honest figures: a report in the period counts with its subcategory's difficulty weight, and as easy when the
     * weight is at most the easy threshold; a self-resolved case counts as re-reported on the day of the first later report
     * that came back to its place (found by {@link EvaluationService#reReported}), {@code reReportedAt}, null if none.
     */
    static void countHonest(CaseRow c, String subcategory, Period p, DifficultyWeights.Table difficulty, Instant reReportedAt, Tally t) {
        if (p.contains(c.reportedAt())) {
            t.addWeightedReport(difficulty.weight(subcategory));
            if (difficulty.easy(subcategory)) {
                t.add(EASY_REPORTS);
            }
        }
        countReReported(c, p, reReportedAt, t);
    }

    /** A self-resolved (registered) case re-reported: counted once, on the day its place was first reported again. */
    static void countReReported(CaseRow c, Period p, Instant reReportedAt, Tally t) {
        if (c.selfResolved() && c.registeredAt() != null && p.contains(reReportedAt)) {
            t.add(RE_REPORTED);
        }
    }

    /** Registered on time: the registration step that registered the case was completed by its due date. */
    private static boolean registeredOnTime(List<Fact> facts) {
        return facts.stream().filter(f -> f.is(Step.REGISTER) && StepOutcome.REGISTER.equals(f.outcome()))
                .reduce((a, b) -> b).map(f -> Boolean.TRUE.equals(f.onTime())).orElse(false);
    }

    /**
     * On time (按期) when no handling step of the lead department finished after its due date up to that moment; the due
     * date already includes approved extensions and the time on hold. A late step stays late though the next is on time.
     */
    private static boolean noLateHandling(List<Fact> facts, Instant until) {
        return facts.stream().filter(f -> f.is(Step.HANDLE) && f.completed() && !f.finishedAt().isAfter(until))
                .noneMatch(f -> Boolean.FALSE.equals(f.onTime()));
    }

    /** Working seconds from the first dispatch to handled, less the working seconds on hold. */
    private static long handlingSeconds(List<Fact> facts, Instant dispatchedAt, Instant handledAt, WorkingTime workingTime) {
        long seconds = workingTime.between(dispatchedAt, handledAt).toSeconds();
        for (Fact f : facts) {
            if (f.is(Step.ON_HOLD) && f.finishedAt() != null && f.workingSeconds() != null
                    && !f.startedAt().isBefore(dispatchedAt) && !f.finishedAt().isAfter(handledAt)) {
                seconds -= f.workingSeconds();
            }
        }
        return Math.max(0, seconds);
    }

    /**
     * Overdue and still to be handled (超期待处置) as of a moment: dispatched, not handled and not closed by then, and the
     * current handling step's due date passed by then. A case on hold then is not due unless the setting says so.
     * {@link EvaluationRollup#OVERDUE_PENDING_NOW} says the same in SQL for the open cases now.
     */
    static boolean overduePending(CaseRow c, List<Fact> facts, Instant asOf, EvaluationSettings settings) {
        Instant dispatchedAt = dispatchedAt(facts);
        Instant handledAt = handledAt(facts);
        if (dispatchedAt == null || !dispatchedAt.isBefore(asOf) || (handledAt != null && handledAt.isBefore(asOf))
                || (c.closedAt() != null && c.closedAt().isBefore(asOf))) {
            return false;
        }
        boolean onHold = facts.stream().anyMatch(f -> f.is(Step.ON_HOLD) && f.startedAt().isBefore(asOf)
                && (f.finishedAt() == null || f.finishedAt().isAfter(asOf)));
        if (onHold && !settings.holdsDueToClose()) {
            return false;
        }
        return facts.stream().filter(f -> (f.is(Step.HANDLE) || f.is(Step.CO_HANDLE)) && f.startedAt().isBefore(asOf))
                .reduce((a, b) -> b)
                .map(f -> f.dueAt() != null && f.dueAt().isBefore(asOf))
                .orElse(false);
    }

    /** A step whose due date fell in the period and that was still open at it (finished later, or open when judged). */
    private static boolean overdueStep(Fact f, Period p) {
        if (!p.contains(f.dueAt())) {
            return false;
        }
        Instant end = f.finishedAt() != null ? f.finishedAt() : p.asOf();
        return end.isAfter(f.dueAt());
    }
}
