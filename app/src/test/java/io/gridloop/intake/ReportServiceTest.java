package io.gridloop.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.exif.GpsDirectory;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.CaseStatus;
import io.gridloop.casefile.Channel;
import io.gridloop.casefile.Urgency;
import io.gridloop.support.GridLoopTest;
import io.gridloop.security.AccessScope;
import io.gridloop.support.LoopDriver;
import io.gridloop.support.TestImages;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
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
    @Autowired
    io.gridloop.casefile.CaseTimeline timeline;
    @Autowired
    io.gridloop.grid.ReferenceData reference;

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
        refusedFor(r, "lina", keys);
    }

    private void refusedFor(Report r, String reporter, String... keys) {
        long casesBefore = cases();
        long instancesBefore = instances();
        assertThatThrownBy(() -> reports.report(r, reporter))
                .isInstanceOfSatisfying(ReportRefusedException.class,
                        e -> assertThat(e.problems()).extracting(ReportRefusedException.Problem::messageKey).contains(keys));
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
    void photosThatDoNotDecodeOrHaveTooManyPixelsAreRefused() {
        byte[] png = TestImages.encode(TestImages.noise(64, 64), "png");
        refused(report("ROAD_DAMAGE", "S01C01G01", null, null, List.of(new Report.Photo("cut.png", Arrays.copyOf(png, png.length / 2)))),
                "error.photo.notImage");
        refused(report("ROAD_DAMAGE", "S01C01G01", null, null, List.of(new Report.Photo("bomb.png", TestImages.pngHeaderOnly(20_000, 20_000)))),
                "error.photo.tooManyPixels");
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
        refused(r, "error.report.selfResolvedGridWorkerOnly", "error.report.selfResolvedNeedsBefore",
                "error.report.selfResolvedNeedsEvidence");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        refused(new Report(Channel.HOTLINE, Urgency.NORMAL, null, null, null, null, null, null, " ", null, null, "not-an-email", false,
                List.of()), "error.report.categoryMissing", "error.report.locationMissing", "error.report.descriptionMissing",
                "error.report.emailInvalid");
    }

    private static long sequence(CaseRecord c) {
        return Long.parseLong(c.caseNumber().substring(c.caseNumber().indexOf('-') + 1));
    }

    private Report withReporter(String address, String name, String phone, String email, String photoName) {
        List<Report.Photo> photos = photoName == null ? List.of() : List.of(new Report.Photo(photoName, LoopDriver.PNG));
        // a caller without a phone stays anonymous, as the operator says explicitly
        return new Report(Channel.HOTLINE, Urgency.NORMAL, null, "ROAD_DAMAGE", "S01C01G01", null, null, address, "路面塌陷", name, phone,
                email, false, photos, phone == null, null);
    }

    @Test
    void valuesLongerThanTheirColumnsAreRefusedFieldByFieldAndUseNoCaseNumber() {
        CaseRecord first = reports.report(withReporter("a".repeat(400), "名".repeat(100), "1".repeat(40),
                "a".repeat(190) + "@x.example", "p".repeat(196) + ".png"), "lina");
        refused(withReporter("a".repeat(401), null, null, null, null), "error.report.addressTooLong");
        refused(withReporter(null, "名".repeat(101), null, null, null), "error.report.reporterNameTooLong");
        refused(withReporter(null, null, "1".repeat(41), null, null), "error.report.reporterPhoneTooLong");
        refused(withReporter(null, null, null, "a".repeat(191) + "@x.example", null), "error.report.reporterEmailTooLong");
        refused(withReporter(null, null, null, null, "p".repeat(197) + ".png"), "error.photo.nameTooLong");
        refused(withReporter("a".repeat(401), "名".repeat(101), "1".repeat(41), "a".repeat(191) + "@x.example", "p".repeat(197) + ".png"),
                "error.report.addressTooLong", "error.report.reporterNameTooLong", "error.report.reporterPhoneTooLong",
                "error.report.reporterEmailTooLong", "error.photo.nameTooLong");
        CaseRecord next = reports.report(withReporter(null, null, null, null, null), "lina");
        assertThat(sequence(next)).as("no case number used up by the refusals").isEqualTo(sequence(first) + 1);
    }

    @Test
    void aMissingPhotoIsRefusedWithAMessage() {
        List<Report.Photo> photos = new ArrayList<>(Collections.singletonList(null));
        refused(report("ROAD_DAMAGE", "S01C01G01", null, null, photos), "error.photo.missing");
    }

    @Test
    void aPointMustBeFiniteOnTheGlobeAndInsideTheGridItNames() {
        for (String grid : Arrays.asList(null, "S01C01G01")) {
            refused(report("ROAD_DAMAGE", grid, 116.3415, 999.0, List.of()), "error.report.pointInvalid");
            refused(report("ROAD_DAMAGE", grid, 999.0, 39.95, List.of()), "error.report.pointInvalid");
            refused(report("ROAD_DAMAGE", grid, Double.NaN, 39.95, List.of()), "error.report.pointInvalid");
            refused(report("ROAD_DAMAGE", grid, 116.3415, Double.POSITIVE_INFINITY, List.of()), "error.report.pointInvalid");
            refused(report("ROAD_DAMAGE", grid, 116.3415, null, List.of()), "error.report.pointIncomplete");
        }
        // 116.3415 E 39.95 N lies in S01C01G01, not in S01C02G03
        refused(report("ROAD_DAMAGE", "S01C02G03", 116.3415, 39.95, List.of()), "error.report.pointOutsideGrid");
        CaseRecord both = reports.report(report("ROAD_DAMAGE", "S01C01G01", 116.3415, 39.95, List.of()), "lina");
        assertThat(both.gridCode()).isEqualTo("S01C01G01");
        assertThat(both.latitude()).isEqualTo(39.95);
        assertThat(reports.report(report("ROAD_DAMAGE", "S01C02G03", null, null, List.of()), "lina").gridCode())
                .as("a grid without a point is enough").isEqualTo("S01C02G03");
    }

    @Test
    void aPointOnTheBorderOfTwoGridsIsAcceptedForEither() {
        // 116.343 E is the border S01C01G01 and S01C01G02 share (config/grids.geojson)
        for (String grid : List.of("S01C01G01", "S01C01G02")) {
            CaseRecord c = reports.report(report("ROAD_DAMAGE", grid, 116.343, 39.95, List.of()), "lina");
            assertThat(c.gridCode()).isEqualTo(grid);
        }
        assertThat(reference.gridsAt(116.343, 39.95)).extracting(io.gridloop.grid.GridCell::code)
                .containsExactly("S01C01G01", "S01C01G02");
        assertThat(reference.locate(116.343, 39.95)).map(io.gridloop.grid.GridCell::code).contains("S01C01G01");
        // a step past the border is one grid's only
        refused(report("ROAD_DAMAGE", "S01C01G02", 116.3429, 39.95, List.of()), "error.report.pointOutsideGrid");
    }

    @Test
    void theReportersRoleDecidesTheChannel() {
        Report noChannel = new Report(null, Urgency.NORMAL, null, "ROAD_DAMAGE", "S01C01G01", null, null, null, "路面塌陷", null,
                "13900000000", null, false, List.of());
        CaseRecord byIntake = reports.report(noChannel, "lina");
        assertThat(byIntake.channel()).as("an intake operator's report is a hotline case").isEqualTo(Channel.HOTLINE);
        assertThat(byIntake.status()).as("verified on site first").isEqualTo(CaseStatus.VERIFYING);
        CaseRecord byGridWorker = reports.report(noChannel, "wangwei");
        assertThat(byGridWorker.channel()).isEqualTo(Channel.GRID_WORKER);
        assertThat(byGridWorker.status()).isEqualTo(CaseStatus.REGISTERING);

        refusedFor(report("ROAD_DAMAGE", "S01C01G01", null, null, List.of()), "wangwei", "error.report.channelGridWorker");
        Report asGridWorker = new Report(Channel.GRID_WORKER, Urgency.NORMAL, null, "ILLEGAL_ADS", "S01C01G01", null, null, null, "已清除",
                null, null, null, true, List.of(new Report.Photo("after.png", LoopDriver.PNG)));
        refusedFor(asGridWorker, "lina", "error.report.channelIntake");
        refusedFor(noChannel, "zhangmin", "error.report.notAReporter");
        assertThat(reports.channelsOf("lina")).containsExactly(Channel.HOTLINE, Channel.CITIZEN);
        assertThat(reports.channelsOf("wangwei")).containsExactly(Channel.GRID_WORKER);
    }

    @Test
    void theCaseNumberCarriesTheDistrictsYearNotTheServers() {
        try {
            // 16:30 UTC on New Year's Eve is half past midnight on 1 January in Beijing
            ClockUtil.setCurrentTime(java.util.Date.from(Instant.parse("2026-12-31T16:30:00Z")));
            CaseRecord c = reports.report(report("ROAD_DAMAGE", "S01C01G01", null, null, List.of()), "lina");
            assertThat(c.caseNumber()).startsWith("2027-");
        } finally {
            ClockUtil.reset();
        }
    }

    @Test
    void aPhotoIsStoredWithoutItsGpsPosition() throws Exception {
        byte[] phone = TestImages.jpegWithGps(TestImages.noise(32, 24), 1);
        CaseRecord c = reports.report(report("ROAD_DAMAGE", "S01C01G01", null, null, List.of(new Report.Photo("IMG_0001.jpg", phone))),
                "lina");
        var stored = timeline.attachments(c.id());
        assertThat(stored).singleElement().satisfies(a -> assertThat(a.contentType()).isEqualTo("image/jpeg"));
        byte[] content = timeline.attachmentContent(stored.get(0).id(), AccessScope.of("admin", List.of("camunda-admin"), Set.of()));
        assertThat(ImageMetadataReader.readMetadata(new ByteArrayInputStream(content)).getFirstDirectoryOfType(GpsDirectory.class))
                .isNull();
    }
}
