package io.gridloop.metrics;

import static io.gridloop.process.CaseLoop.TASK_REGISTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gridloop.casefile.Channel;
import io.gridloop.casefile.Urgency;
import io.gridloop.intake.Report;
import io.gridloop.intake.ReportService;
import io.gridloop.support.LoopDriver;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hand-made history of reports at set places around September 2026 for the honest figures, and the figures it must
 * give, worked out here by hand. Places (latitude, longitude), all in grid S01C01G01 (王伟's, 116.340–116.343 E,
 * 39.94–39.96 N) unless said: 0.0001° of latitude is 11.1 m.
 * <pre>
 *   P = (39.9450, 116.3415)   Q = (39.9500, 116.3415)   S = (39.9520, 116.3415)   T = (39.9550, 116.3415)
 *   U = (39.9580, 116.3415)   V = (39.9590, 116.3415)   W = (39.9450, 116.3445) in S01C01G02 (王伟's too)
 * </pre>
 * Difficulty weights as shipped: FIRE_EXIT_BLOCKED 5, MANHOLE 3, STREETLIGHT 2, EXPOSED_RUBBISH, ILLEGAL_ADS and
 * ROAD_DIRTY 1 (easy). The test context re-reports within 80 m (not the default 100 m) and 30 days.
 */
class HonestHistory {

    static final String G1 = "S01C01G01";
    static final String G2 = "S01C01G02";
    static final String G_S03 = "S03C01G01";
    static final double LON = 116.3415;

    private final LoopDriver loop;
    private final ReportService reports;
    final Map<String, String> caseNumbers = new LinkedHashMap<>();

    HonestHistory(LoopDriver loop, ReportService reports) {
        this.loop = loop;
        this.reports = reports;
    }

    private void report(String name, String at, Channel channel, String subcategory, String grid, Double lat, Double lon,
                        boolean selfResolved) {
        loop.at(EvaluationHistory.t(at));
        Report r = new Report(channel, Urgency.NORMAL, null, subcategory, grid, lon, lat, "新街口外大街 " + name, "问题 " + name,
                "市民甲", "13800000000", null, selfResolved,
                selfResolved ? List.of(new Report.Photo("before.png", LoopDriver.PNG)) : List.of(),
                selfResolved ? List.of(new Report.Photo("after.png", LoopDriver.PNG)) : List.of());
        String by = channel == Channel.GRID_WORKER ? (grid.startsWith("S03") ? "lihua" : "wangwei") : "lina";
        long id = reports.report(r, by).id();
        caseNumbers.put(name, loop.caseFile(id).caseNumber());
        if (selfResolved) {
            loop.at(EvaluationHistory.t(at).plusSeconds(20 * 60));
            loop.complete(id, TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER"));
        }
    }

    void drive() {
        // August (the previous period)
        report("a1", "2026-08-10T09:00", Channel.CITIZEN, "EXPOSED_RUBBISH", G1, 39.9450, LON, false);        // P
        report("a2", "2026-08-12T09:00", Channel.CITIZEN, "MANHOLE", G1, 39.9500, LON, false);                // Q
        report("a3", "2026-08-20T09:00", Channel.CITIZEN, "MANHOLE", G2, 39.9550, 116.3445, false);           // far from Q
        // September
        report("s1", "2026-09-03T09:00", Channel.GRID_WORKER, "EXPOSED_RUBBISH", G1, 39.9450, LON, true);     // P, self-resolved
        report("s2", "2026-09-04T09:00", Channel.GRID_WORKER, "ILLEGAL_ADS", G1, 39.9550, LON, true);         // T, self-resolved
        report("h1", "2026-09-08T09:00", Channel.HOTLINE, "MANHOLE", G1, 39.9503, LON, false);                // Q + 33 m
        report("c1", "2026-09-10T09:00", Channel.CITIZEN, "ILLEGAL_ADS", G1, 39.9558, LON, false);            // T + 89 m
        report("c2", "2026-09-15T09:00", Channel.CITIZEN, "EXPOSED_RUBBISH", G1, 39.9454, LON, false);        // P + 44 m
        report("c3", "2026-09-16T09:00", Channel.CITIZEN, "FIRE_EXIT_BLOCKED", G1, 39.9520, LON, false);      // S
        report("l1", "2026-09-17T09:00", Channel.GRID_WORKER, "FIRE_EXIT_BLOCKED", G_S03, null, null, false); // 李华, no point
        report("c4", "2026-09-22T09:00", Channel.CITIZEN, "MANHOLE", G1, 39.9498, LON, false);                // Q − 22 m
        report("g1", "2026-09-23T09:00", Channel.GRID_WORKER, "MANHOLE", G2, 39.9450, 116.3445, false);       // W
        report("s3", "2026-09-24T09:00", Channel.GRID_WORKER, "STREETLIGHT", G1, 39.9580, LON, true);         // U, self-resolved
        report("c5", "2026-09-28T09:00", Channel.CITIZEN, "ROAD_DIRTY", G1, 39.9580, LON, false);             // U, other subcategory
        report("g2", "2026-09-29T09:00", Channel.GRID_WORKER, "EXPOSED_RUBBISH", G1, 39.9590, LON, false);    // V
        // October: the street light at U again, 36 days after s3 (too late to re-report it)
        report("c6", "2026-10-30T09:00", Channel.CITIZEN, "STREETLIGHT", G1, 39.9580, LON, false);
    }

    static final LocalDate SEP_1 = LocalDate.of(2026, 9, 1);
    static final LocalDate SEP_30 = LocalDate.of(2026, 9, 30);

    /**
     * September over the district: 12 reports (s1 s2 h1 c1 c2 c3 l1 c4 g1 s3 c5 g2), weighted EXPOSED_RUBBISH 3 × 1 +
     * MANHOLE 3 × 3 + ILLEGAL_ADS 2 × 1 + FIRE_EXIT_BLOCKED 2 × 5 + STREETLIGHT 1 × 2 + ROAD_DIRTY 1 × 1 = 27; easy ones 3 + 2
     * + 1 = 6 of 12. Self-resolved s1 s2 s3; only s1 re-reported (c2, 44 m, 12 days later): c1 is 89 m from s2 (more than
     * 80 m), c5 is another subcategory, c6 came 36 days after s3.
     */
    static void expectSeptember(Evaluation.Row r) {
        assertThat(r.get(Indicator.REPORTS)).isEqualTo(12L);
        assertThat(r.get(Indicator.WEIGHTED_REPORTS).doubleValue()).isCloseTo(27.0, within(1e-9));
        assertThat(r.get(Indicator.EASY_SHARE).doubleValue()).isCloseTo(6 / 12.0, within(1e-9));
        assertThat(r.get(Indicator.SELF_RESOLVED)).isEqualTo(3L);
        assertThat(r.get(Indicator.RE_REPORT_RATE).doubleValue()).isCloseTo(1 / 3.0, within(1e-9));
    }

    /** 王伟 reported s1 s2 g1 s3 g2: weighted 1 + 1 + 3 + 2 + 1 = 8, easy 3 of 5; 李华 only the fire exit (l1): 5, none easy. */
    static void expectGridWorkers(Evaluation e) {
        Evaluation.Row wang = row(e, "wangwei");
        assertThat(wang.get(Indicator.REPORTS)).isEqualTo(5L);
        assertThat(wang.get(Indicator.WEIGHTED_REPORTS).doubleValue()).isCloseTo(8.0, within(1e-9));
        assertThat(wang.get(Indicator.EASY_SHARE).doubleValue()).isCloseTo(0.6, within(1e-9));
        assertThat(wang.get(Indicator.RE_REPORT_RATE).doubleValue()).isCloseTo(1 / 3.0, within(1e-9));
        Evaluation.Row li = row(e, "lihua");
        assertThat(li.get(Indicator.REPORTS)).isEqualTo(1L);
        assertThat(li.get(Indicator.WEIGHTED_REPORTS).doubleValue()).isCloseTo(5.0, within(1e-9));
        assertThat(li.get(Indicator.EASY_SHARE).doubleValue()).isEqualTo(0.0);
        assertThat(li.get(Indicator.RE_REPORT_RATE)).as("nothing self-resolved: no denominator").isNull();
    }

    /**
     * September's problems. Blind spots: in S01C01G01 the public reported MANHOLE (h1, c4), FIRE_EXIT_BLOCKED (c3),
     * ROAD_DIRTY (c5), ILLEGAL_ADS (c1) and EXPOSED_RUBBISH (c2); 王伟 reported the last two there himself (s2, s1, g2), and
     * his MANHOLE (g1) was in S01C01G02: three blind spots, hardest first. Subcategories: EXPOSED_RUBBISH 3 (August 1),
     * MANHOLE 3 (August 2), FIRE_EXIT_BLOCKED and ILLEGAL_ADS 2 (equal counts by code), then one each. Places with two reports or more: P rubbish (s1 c2; August a1 there),
     * T flyers (s2 c1, 89 m: one place at 100 m), Q manholes (h1 c4, 55 m apart; August a2 33 m from h1). Repeat places (3
     * within 100 m in 90 days): P rubbish (a1 s1 c2) and Q manholes (a2 h1 c4).
     */
    void expectProblems(DistrictProblems.Problems p) {
        assertThat(p.previousFrom()).isEqualTo(LocalDate.of(2026, 8, 1));
        assertThat(p.previousTo()).isEqualTo(LocalDate.of(2026, 8, 31));
        assertThat(p.blindSpots()).extracting(DistrictProblems.BlindSpot::grid, DistrictProblems.BlindSpot::subcategory,
                        DistrictProblems.BlindSpot::publicReports, DistrictProblems.BlindSpot::difficultyWeight)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(G1, "FIRE_EXIT_BLOCKED", 1L, 5.0),
                        org.assertj.core.groups.Tuple.tuple(G1, "MANHOLE", 2L, 3.0),
                        org.assertj.core.groups.Tuple.tuple(G1, "ROAD_DIRTY", 1L, 1.0));
        assertThat(p.blindSpots()).allSatisfy(b -> assertThat(b.gridWorkers()).isEqualTo("王伟"));
        assertThat(p.frequentSubcategories()).extracting(DistrictProblems.FrequentSubcategory::subcategory,
                        DistrictProblems.FrequentSubcategory::reports, DistrictProblems.FrequentSubcategory::previousReports,
                        DistrictProblems.FrequentSubcategory::change)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("EXPOSED_RUBBISH", 3L, 1L, 2L),
                        org.assertj.core.groups.Tuple.tuple("MANHOLE", 3L, 2L, 1L),
                        org.assertj.core.groups.Tuple.tuple("FIRE_EXIT_BLOCKED", 2L, 0L, 2L),
                        org.assertj.core.groups.Tuple.tuple("ILLEGAL_ADS", 2L, 0L, 2L),
                        org.assertj.core.groups.Tuple.tuple("ROAD_DIRTY", 1L, 0L, 1L),
                        org.assertj.core.groups.Tuple.tuple("STREETLIGHT", 1L, 0L, 1L));
        assertThat(p.frequentPlaces()).extracting(DistrictProblems.FrequentPlace::rank, DistrictProblems.FrequentPlace::subcategory,
                        DistrictProblems.FrequentPlace::reports, DistrictProblems.FrequentPlace::previousReports,
                        DistrictProblems.FrequentPlace::change, DistrictProblems.FrequentPlace::cases)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, "EXPOSED_RUBBISH", 2L, 1L, 1L, cases("s1", "c2")),
                        org.assertj.core.groups.Tuple.tuple(2, "ILLEGAL_ADS", 2L, 0L, 2L, cases("s2", "c1")),
                        org.assertj.core.groups.Tuple.tuple(3, "MANHOLE", 2L, 1L, 1L, cases("h1", "c4")));
        assertThat(p.repeatPlaces()).extracting(DistrictProblems.RepeatPlace::subcategory, DistrictProblems.RepeatPlace::times,
                        DistrictProblems.RepeatPlace::firstReported, DistrictProblems.RepeatPlace::lastReported,
                        DistrictProblems.RepeatPlace::cases)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("EXPOSED_RUBBISH", 3, LocalDate.of(2026, 8, 10), LocalDate.of(2026, 9, 15),
                                cases("a1", "s1", "c2")),
                        org.assertj.core.groups.Tuple.tuple("MANHOLE", 3, LocalDate.of(2026, 8, 12), LocalDate.of(2026, 9, 22),
                                cases("a2", "h1", "c4")));
    }

    List<String> cases(String... names) {
        return java.util.Arrays.stream(names).map(caseNumbers::get).toList();
    }

    static Evaluation.Row row(Evaluation e, String unit) {
        return e.rows().stream().filter(r -> r.unit().equals(unit)).findFirst().orElseThrow(() -> new AssertionError("no row " + unit));
    }

    static Instant t(String at) {
        return EvaluationHistory.t(at);
    }
}
