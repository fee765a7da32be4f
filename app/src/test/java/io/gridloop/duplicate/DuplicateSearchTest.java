package io.gridloop.duplicate;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.Channel;
import io.gridloop.casefile.Urgency;
import io.gridloop.grid.GeoCell;
import io.gridloop.grid.ReferenceData;
import io.gridloop.intake.Report;
import io.gridloop.intake.ReportService;
import io.gridloop.security.AccessScopes;
import io.gridloop.support.GridLoopTest;
import io.gridloop.support.LoopDriver;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The duplicate search on the real database: open cases of the same or a related subcategory (the same category) within
 * 100 m and 7 days, across the border of two grids and of the index's cells, ranked by the descriptions' similarity.
 */
@GridLoopTest
class DuplicateSearchTest {

    /** The border of grids S02C01G02 (west) and S02C01G03 (east) runs along 116.361, which is also a border of cells. */
    private static final double BORDER = 116.361;

    @Autowired
    ReportService reports;
    @Autowired
    DuplicateSearch duplicates;
    @Autowired
    ReferenceData reference;
    @Autowired
    AccessScopes scopes;
    @Autowired
    LoopDriver loop;

    @AfterEach
    void clock() {
        loop.resetClock();
    }

    private CaseRecord at(String subcategory, double lng, double lat, String description) {
        return reports.report(new Report(Channel.GRID_WORKER, Urgency.NORMAL, null, subcategory, null, lng, lat, null, description,
                null, null, null, false, List.of()), "wangwei");
    }

    private List<String> found(CaseRecord report, String user) {
        return duplicates.of(report, scopes.ofUser(user)).stream().map(d -> d.openCase().caseNumber()).toList();
    }

    @Test
    void nearCasesOfTheSameCategoryAcrossGridAndCellBordersAreFoundAndRankedByTheirText() {
        double lat = 39.9500; // a border of cell rows as well
        CaseRecord west = at("EXPOSED_RUBBISH", BORDER - 0.0003, lat - 0.0001, "路边垃圾堆放,无人清运,气味很大");
        assertThat(reference.locate(BORDER - 0.0003, lat - 0.0001).orElseThrow().code()).isEqualTo("S02C01G02");
        CaseRecord sameText = at("EXPOSED_RUBBISH", BORDER + 0.0003, lat + 0.0001, "路边垃圾堆放无人清运");
        CaseRecord otherText = at("EXPOSED_RUBBISH", BORDER + 0.0002, lat, "绿化带里有几个塑料袋");
        assertThat(reference.locate(BORDER + 0.0003, lat + 0.0001).orElseThrow().code()).isEqualTo("S02C01G03");
        // related: another subcategory of the same category (市容环境); unrelated: another category
        String category = reference.subcategory("EXPOSED_RUBBISH").orElseThrow().parentCode();
        String related = reference.categories().stream().filter(c -> c.code().equals(category)).findFirst().orElseThrow()
                .subcategories().stream().map(s -> s.code()).filter(s -> !s.equals("EXPOSED_RUBBISH")).findFirst().orElseThrow();
        CaseRecord relatedCase = at(related, BORDER + 0.0001, lat - 0.0002, "垃圾桶满溢");
        CaseRecord unrelated = at("STREETLIGHT", BORDER + 0.0001, lat, "路边垃圾堆放,路灯也不亮");
        CaseRecord far = at("EXPOSED_RUBBISH", BORDER + 0.0016, lat, "路边垃圾堆放,无人清运");
        assertThat(GeoCell.metres(west.longitude(), west.latitude(), far.longitude(), far.latitude())).isGreaterThan(100);
        assertThat(GeoCell.metres(west.longitude(), west.latitude(), sameText.longitude(), sameText.latitude())).isLessThan(100);

        List<Duplicate> ranked = duplicates.of(west, scopes.ofUser("lina"));
        List<String> numbers = ranked.stream().map(d -> d.openCase().caseNumber()).toList();
        assertThat(numbers).contains(sameText.caseNumber(), otherText.caseNumber(), relatedCase.caseNumber())
                .doesNotContain(unrelated.caseNumber(), far.caseNumber(), west.caseNumber());
        assertThat(numbers.indexOf(sameText.caseNumber())).as("the alike text first").isLessThan(numbers.indexOf(otherText.caseNumber()));
        Duplicate best = ranked.get(numbers.indexOf(sameText.caseNumber()));
        assertThat(best.similarity()).isGreaterThan(0.5);
        assertThat(best.metres()).isBetween(40.0, 70.0);

        // a case that is closed is no duplicate any more
        loop.complete(sameText.id(), io.gridloop.process.CaseLoop.TASK_REGISTER, "lina",
                Map.of("registerDecision", "REJECT", "rejectReason", "重复"));
        assertThat(found(west, "lina")).doesNotContain(sameText.caseNumber());
        // an official sees only the duplicates in their scope: gaofei registers street S03's cases only
        assertThat(found(west, "gaofei")).isEmpty();
    }

    @Test
    void aCaseReportedBeforeTheWindowIsNoDuplicate() {
        double lng = 116.3625;
        double lat = 39.9452;
        ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() - Duration.ofDays(8).toMillis()));
        CaseRecord old = at("MANHOLE", lng, lat, "井盖缺失");
        ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() - Duration.ofDays(6).toMillis()));
        CaseRecord recent = at("MANHOLE", lng + 0.0001, lat, "井盖缺失");
        loop.resetClock();
        CaseRecord now = at("MANHOLE", lng, lat + 0.0001, "井盖缺失,有坠落危险");
        assertThat(found(now, "lina")).contains(recent.caseNumber()).doesNotContain(old.caseNumber());
        // the window counts back from the report: six days before the recent one the old one was two days old
        assertThat(found(recent, "lina")).contains(old.caseNumber(), now.caseNumber());
    }

    @Test
    void theCellsAroundAPointCoverTheCircleAndTheSimilarityIgnoresPunctuation() {
        // every point within 100 m lies in one of the ranges
        double lng = 116.361;
        double lat = 39.95;
        List<GeoCell.Range> ranges = GeoCell.around(lng, lat, 100);
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 2000; i++) {
            double angle = random.nextDouble() * 2 * Math.PI;
            double r = random.nextDouble() * 100;
            double pLat = lat + r * Math.sin(angle) / 111_320;
            double pLng = lng + r * Math.cos(angle) / (111_320 * Math.cos(Math.toRadians(lat)));
            long cell = GeoCell.of(pLng, pLat);
            assertThat(ranges).as("cell of %s,%s", pLng, pLat).anySatisfy(g -> assertThat(cell).isBetween(g.from(), g.to()));
        }
        assertThat(DuplicateSearch.similarity("路灯不亮!", "路灯 不亮")).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(DuplicateSearch.similarity("路灯不亮", "井盖缺失")).isZero();
        assertThat(DuplicateSearch.similarity(null, "井盖缺失")).isZero();
    }
}
