package io.gridloop.metrics;

import io.gridloop.security.AccessScope;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Rankings of units by the composite score of {@link EvaluationService}, with each unit's place and score in the previous
 * period: the calendar months just before when the period is whole months, else as many days just before. Equal scores
 * share a place (1, 1, 3); units without a score (nothing to rate) come last, unranked.
 */
@Service
public class EvaluationRankings {

    public record Ranked(Integer rank, String unit, String name, Double score, Integer previousRank, Double previousScore) {
        /** The score's change from the previous period; null when either has none. */
        public Double change() {
            return score == null || previousScore == null ? null : score - previousScore;
        }
    }

    public record Ranking(EvaluationUnit unit, LocalDate from, LocalDate to, LocalDate previousFrom, LocalDate previousTo,
                          List<Ranked> rows) {}

    private final EvaluationService evaluation;

    public EvaluationRankings(EvaluationService evaluation) {
        this.evaluation = evaluation;
    }

    public Ranking rank(LocalDate from, LocalDate to, EvaluationUnit unit, AccessScope scope, Locale locale) {
        LocalDate[] previous = previousPeriod(from, to);
        Evaluation now = evaluation.evaluate(from, to, unit, scope, locale);
        Evaluation before = evaluation.evaluate(previous[0], previous[1], unit, scope, locale);
        Map<String, Integer> ranksBefore = ranks(before.rows());
        Map<String, Double> scoresBefore = new HashMap<>();
        before.rows().forEach(r -> scoresBefore.put(r.unit(), score(r)));
        Map<String, Integer> ranksNow = ranks(now.rows());
        List<Ranked> rows = new ArrayList<>();
        for (Evaluation.Row r : now.rows()) {
            rows.add(new Ranked(ranksNow.get(r.unit()), r.unit(), r.name(), score(r), ranksBefore.get(r.unit()), scoresBefore.get(r.unit())));
        }
        rows.sort(Comparator.comparing(Ranked::rank, Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(Ranked::name));
        return new Ranking(unit, from, to, previous[0], previous[1], rows);
    }

    /** The period compared with: the same number of whole months before, or the same number of days before. */
    static LocalDate[] previousPeriod(LocalDate from, LocalDate to) {
        boolean wholeMonths = from.getDayOfMonth() == 1 && to.plusDays(1).getDayOfMonth() == 1;
        if (wholeMonths) {
            long months = ChronoUnit.MONTHS.between(from, to.plusDays(1));
            LocalDate start = from.minusMonths(months);
            return new LocalDate[] {start, from.minusDays(1)};
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        return new LocalDate[] {from.minusDays(days), from.minusDays(1)};
    }

    private static Double score(Evaluation.Row r) {
        Number n = r.get(Indicator.SCORE);
        return n == null ? null : n.doubleValue();
    }

    /** Competition ranking by score, highest first: equal scores share a place. */
    private static Map<String, Integer> ranks(List<Evaluation.Row> rows) {
        List<Evaluation.Row> scored = new ArrayList<>(rows.stream().filter(r -> score(r) != null).toList());
        scored.sort(Comparator.comparing(EvaluationRankings::score).reversed());
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < scored.size(); i++) {
            boolean tie = i > 0 && score(scored.get(i)).equals(score(scored.get(i - 1)));
            out.put(scored.get(i).unit(), tie ? out.get(scored.get(i - 1).unit()) : i + 1);
        }
        return out;
    }
}
