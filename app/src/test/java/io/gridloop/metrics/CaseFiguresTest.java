package io.gridloop.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridloop.deadline.HolidayCalendar;
import io.gridloop.deadline.WorkingTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The counting rules that are settings, each way: the domain's default and the other practice. */
class CaseFiguresTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final WorkingTime WORKING_TIME = new WorkingTime(new HolidayCalendar(),
            WorkingTime.periods("08:30-12:00,13:30-17:30"), ZONE);
    static final CaseFigures.Period MARCH = new CaseFigures.Period(t("2027-03-01T00:00"), t("2027-04-01T00:00"), t("2027-04-01T00:00"));

    static Instant t(String s) {
        return LocalDateTime.parse(s).atZone(ZONE).toInstant();
    }

    static CaseFigures.CaseRow open(String reported) {
        return new CaseFigures.CaseRow(1, "ON_HOLD", "GRID_WORKER", false, "wangwei", "S01", "S01C01", "S01C01G01", "water",
                t(reported), t(reported), null);
    }

    static CaseFigures.Fact fact(String step, String started, String due, String finished, Boolean onTime, String outcome) {
        return new CaseFigures.Fact(step, t(started), due == null ? null : t(due), finished == null ? null : t(finished), onTime, outcome,
                null, false, false);
    }

    /** Dispatched 1 March, handling due 4 March, put on hold 3 March and still on hold at the end of March. */
    static final List<CaseFigures.Fact> ON_HOLD = List.of(
            fact("DISPATCH", "2027-03-01T09:00", "2027-03-01T10:00", "2027-03-01T09:30", true, "DONE"),
            fact("HANDLE", "2027-03-01T09:30", "2027-03-04T09:30", "2027-03-03T09:30", true, "HOLD"),
            fact("APPROVE_HOLD", "2027-03-03T09:30", "2027-03-03T13:30", "2027-03-03T10:00", true, "APPROVED"),
            fact("ON_HOLD", "2027-03-03T10:00", null, null, null, null));

    @Test
    void aCaseOnHoldIsNotDueToCloseUnlessTheSettingSaysSo() {
        Tally byDefault = new Tally();
        CaseFigures.count(open("2027-03-01T09:00"), ON_HOLD, MARCH, EvaluationSettings.defaults(), WORKING_TIME, byDefault);
        assertThat(byDefault.get(Indicator.HELD)).isEqualTo(1);
        assertThat(byDefault.get(Indicator.DUE_TO_CLOSE)).isZero();
        assertThat(byDefault.get(Indicator.OVERDUE_PENDING)).isZero();

        Tally counted = new Tally();
        CaseFigures.count(open("2027-03-01T09:00"), ON_HOLD, MARCH, new EvaluationSettings(null, null, true, null), WORKING_TIME, counted);
        assertThat(counted.get(Indicator.DUE_TO_CLOSE)).isEqualTo(1);
        assertThat(counted.get(Indicator.OVERDUE_PENDING)).isEqualTo(1);
    }

    @Test
    void theExtensionRateDividesByDueToCloseOrByDispatched() {
        Tally t = new Tally();
        t.add(Indicator.EXTENDED, 1);
        t.add(Indicator.DUE_TO_CLOSE, 4);
        t.add(Indicator.DISPATCHED, 5);
        assertThat(Indicator.EXTENSION_RATE.compute(t, EvaluationSettings.defaults())).isEqualTo(0.25);
        assertThat(Indicator.EXTENSION_RATE.compute(t, new EvaluationSettings(null, EvaluationSettings.Denominator.DISPATCHED, null, null)))
                .isEqualTo(0.2);
    }

    @Test
    void basicallySatisfiedCountsAsItsSettingSays() {
        Tally t = new Tally();
        t.add(Indicator.SATISFIED, 2);
        t.add(Indicator.BASICALLY_SATISFIED, 2);
        t.add(Indicator.CALLBACKS, 5);
        assertThat(Indicator.SATISFACTION_RATE.compute(t, EvaluationSettings.defaults())).isEqualTo((2 + 0.9 * 2) / 5);
        assertThat(Indicator.SATISFACTION_RATE.compute(t, new EvaluationSettings(1.0, null, null, null))).isEqualTo(0.8);
        assertThat(Indicator.SATISFACTION_RATE.compute(new Tally(), EvaluationSettings.defaults())).as("no callback, no rate").isNull();
    }

    @Test
    void aRegisteredCaseVoidedLaterLowersTheAccurateRegistrationRate() {
        CaseFigures.CaseRow merged = new CaseFigures.CaseRow(2, "MERGED", "GRID_WORKER", false, "wangwei", "S01", "S01C01", "S01C01G01",
                null, t("2027-03-02T09:00"), t("2027-03-02T09:30"), t("2027-03-05T09:00"));
        Tally t = new Tally();
        CaseFigures.count(merged, List.of(), MARCH, EvaluationSettings.defaults(), WORKING_TIME, t);
        assertThat(Indicator.ACCURATE_REGISTER_RATE.compute(t, EvaluationSettings.defaults())).isEqualTo(0.0);
        Tally kept = new Tally();
        CaseFigures.count(merged, List.of(), MARCH, new EvaluationSettings(null, null, null, List.of("REJECTED")), WORKING_TIME, kept);
        assertThat(Indicator.ACCURATE_REGISTER_RATE.compute(kept, EvaluationSettings.defaults())).isEqualTo(1.0);
    }

    @Test
    void theScoreLeavesOutRatesWithoutADenominatorAndScalesTheRest() {
        var weights = new java.util.EnumMap<Indicator, Double>(Indicator.class);
        weights.put(Indicator.HANDLE_RATE, 30.0);
        weights.put(Indicator.REWORK_RATE, 20.0);
        var rates = new java.util.EnumMap<Indicator, Double>(Indicator.class);
        rates.put(Indicator.HANDLE_RATE, 0.5);
        rates.put(Indicator.REWORK_RATE, 0.25);
        assertThat(EvaluationWeights.score(weights, rates)).isEqualTo(30 * 0.5 + 20 * 0.75);
        rates.put(Indicator.HANDLE_RATE, null);
        assertThat(EvaluationWeights.score(weights, rates)).isEqualTo(20 * 0.75 * 50 / 20);
        rates.put(Indicator.REWORK_RATE, null);
        assertThat(EvaluationWeights.score(weights, rates)).isNull();
        assertThat(LocalDate.of(2027, 3, 1).getDayOfWeek().getValue()).as("1 March 2027 is a Monday").isEqualTo(1);
    }
}
