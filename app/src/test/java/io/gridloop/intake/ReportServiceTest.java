package io.gridloop.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.Channel;
import io.gridloop.casefile.Urgency;
import io.gridloop.support.GridLoopTest;
import io.gridloop.support.LoopDriver;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reports that cannot become cases are refused with the reason, and leave nothing behind. */
@GridLoopTest
class ReportServiceTest {

    @Autowired
    ReportService reports;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RuntimeService runtime;

    private long cases() {
        return jdbc.sql("select count(*) from gl_case").query(Long.class).single();
    }

    private long instances() {
        return runtime.createProcessInstanceQuery().count();
    }

    private Report report(String subcategory, String grid, Double lng, Double lat, List<Report.Photo> photos) {
        return new Report(Channel.HOTLINE, Urgency.NORMAL, null, subcategory, grid, lng, lat, null, "路面塌陷", "王先生", "13900000000",
                null, false, photos);
    }

    private void refused(Report r, String... keys) {
        long casesBefore = cases();
        long instancesBefore = instances();
        assertThatThrownBy(() -> reports.report(r, "lina"))
                .isInstanceOfSatisfying(ReportRejectedException.class,
                        e -> assertThat(e.problems()).extracting(ReportRejectedException.Problem::messageKey).contains(keys));
        assertThat(cases()).isEqualTo(casesBefore);
        assertThat(instances()).isEqualTo(instancesBefore);
    }

    @Test
    void missingCategoryIsRefused() {
        refused(report(null, "S01C01G01", null, null, List.of()), "error.report.categoryMissing");
    }

    @Test
    void pointOutsideEveryGridIsRefused() {
        refused(report("ROAD_DAMAGE", null, 116.50, 39.80, List.of()), "error.report.outsideGrids");
    }

    @Test
    void missingLocationIsRefused() {
        refused(report("ROAD_DAMAGE", null, null, null, List.of()), "error.report.locationMissing");
    }

    @Test
    void pointInsideAGridIsResolvedToIt() {
        // the first grid of 六铺炕社区 spans 116.340–116.343 E, 39.940–39.960 N
        CaseRecord c = reports.report(report("ROAD_DAMAGE", null, 116.3415, 39.95, List.of()), "lina");
        assertThat(c.gridCode()).isEqualTo("S01C01G01");
        assertThat(c.streetCode()).isEqualTo("S01");
        assertThat(c.communityCode()).isEqualTo("S01C01");
    }

    @Test
    void nonImageAndOversizePhotosAreRefused() {
        byte[] text = "this is not an image".getBytes();
        refused(report("ROAD_DAMAGE", "S01C01G01", null, null, List.of(new Report.Photo("photo.jpg", text))), "error.photo.notImage");
        byte[] huge = Arrays.copyOf(LoopDriver.PNG, 10 * 1024 * 1024 + 1);
        refused(report("ROAD_DAMAGE", "S01C01G01", null, null, List.of(new Report.Photo("big.png", huge))), "error.photo.tooLarge");
    }

    @Test
    void selfResolvedNeedsAGridWorkerAndEvidence() {
        Report r = new Report(Channel.HOTLINE, Urgency.NORMAL, null, "ILLEGAL_ADS", "S01C01G01", null, null, null, "已清除", null, null,
                null, true, List.of());
        refused(r, "error.report.selfResolvedGridWorkerOnly", "error.report.selfResolvedNeedsEvidence");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        refused(new Report(Channel.HOTLINE, Urgency.NORMAL, null, null, null, null, null, null, " ", null, null, "not-an-email", false,
                List.of()), "error.report.categoryMissing", "error.report.locationMissing", "error.report.descriptionMissing",
                "error.report.emailInvalid");
    }
}
