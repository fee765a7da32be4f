package io.gridloop.citizen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.exif.GpsDirectory;
import io.gridloop.casefile.CaseFileService;
import io.gridloop.process.CaseLoop;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.CaseStatus;
import io.gridloop.casefile.Channel;
import io.gridloop.intake.Report;
import io.gridloop.intake.ReportRefusedException;
import io.gridloop.security.AccessScope;
import io.gridloop.support.GridLoopTest;
import io.gridloop.support.LoopDriver;
import io.gridloop.support.TestImages;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The citizens' report service: a report becomes a citizen case; limits and the human check refuse before anything is stored. */
@GridLoopTest
class CitizenReportsTest {

    static final double LNG = 116.3745;
    static final double LAT = 39.9275;

    @Autowired
    CitizenReports citizens;
    @Autowired
    HumanCheck check;
    @Autowired
    CitizenLimits limits;
    @Autowired
    CaseFileService cases;
    @Autowired
    io.gridloop.casefile.CaseTimeline timeline;
    @Autowired
    TaskService tasks;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LoopDriver loop;

    @BeforeEach
    void freshLimits() {
        limits.forgetAll();
    }

    @AfterEach
    void clock() {
        loop.resetClock();
    }

    private CitizenReport report(String phone, String email, boolean rightAnswer) {
        HumanCheck.Challenge c = check.issue();
        String answer = rightAnswer ? HumanCheckSolver.solve(check, c.token()) : HumanCheckSolver.wrong(check, c.token());
        return new CitizenReport("MANHOLE", LNG, LAT, null, "西直门内大街 12 号", "井盖缺失,夜间有坠落危险", List.of(), "张三", phone,
                email, c.token(), answer);
    }

    private long caseCount() {
        return jdbc.sql("select count(*) from gl_case").query(Long.class).single();
    }

    private static int sequence(String caseNumber) {
        return Integer.parseInt(caseNumber.substring(caseNumber.indexOf('-') + 1));
    }

    @Test
    void aCitizensReportWithAPhotoIsVerifiedOnSiteAndGivesTheTrackingCode() throws Exception {
        HumanCheck.Challenge ch = check.issue();
        byte[] withGps = TestImages.jpegWithGps(TestImages.noise(64, 48), 1);
        // a place of its own: near an open manhole case of another test this report would join that case
        CitizenReports.Receipt r = citizens.submit(new CitizenReport("MANHOLE", 116.3745, 39.9025, null, "西直门内大街 12 号",
                "井盖缺失", List.of(new Report.Photo("manhole.jpg", withGps)), "张三", "13800000001", null, ch.token(),
                HumanCheckSolver.solve(check, ch.token())), "203.0.113.7");

        CaseRecord c = cases.findByTrackingCode(r.trackingCode()).orElseThrow();
        assertThat(r.alreadyHandled()).as("nothing open nearby").isEmpty();
        assertThat(c.caseNumber()).isEqualTo(r.caseNumber());
        assertThat(c.channel()).isEqualTo(Channel.CITIZEN);
        assertThat(c.status()).isEqualTo(CaseStatus.VERIFYING);
        assertThat(c.reportedBy()).isEqualTo(CitizenReports.DOOR);
        assertThat(c.reporterPhone()).isEqualTo("13800000001");
        assertThat(tasks.createTaskQuery().processInstanceId(c.processInstanceId()).singleResult().getTaskDefinitionKey())
                .isEqualTo(CaseLoop.TASK_VERIFY);
        var stored = timeline.attachments(c.id());
        assertThat(stored).hasSize(1);
        byte[] content = timeline.attachmentContent(stored.get(0).id(), AccessScope.of("admin", List.of("camunda-admin"), Set.of()));
        assertThat(ImageMetadataReader.readMetadata(new ByteArrayInputStream(content)).getFirstDirectoryOfType(GpsDirectory.class))
                .as("no location data left in the stored photo").isNull();
    }

    @Test
    void aReportNearAnOpenCaseOfTheSameKindJoinsItAndNamesTheCaseAlreadyBeingHandled() {
        double lng = 116.3700;
        double lat = 39.9025;
        HumanCheck.Challenge first = check.issue();
        CitizenReports.Receipt open = citizens.submit(new CitizenReport("MANHOLE", lng, lat, null, null, "井盖缺失", List.of(), null,
                null, null, first.token(), HumanCheckSolver.solve(check, first.token())), "192.0.2.230");
        assertThat(open.alreadyHandled()).isEmpty();
        CaseRecord openCase = cases.findByTrackingCode(open.trackingCode()).orElseThrow();
        assertThat(openCase.status()).isEqualTo(CaseStatus.VERIFYING);

        // about 30 m away, the same kind, from another citizen: already being handled, not a second case to work
        HumanCheck.Challenge second = check.issue();
        CitizenReports.Receipt joined = citizens.submit(new CitizenReport("MANHOLE", lng + 0.0003, lat + 0.0002, null, null,
                "路口井盖没了", List.of(), "李四", "13800000077", "lisi@example.org", second.token(),
                HumanCheckSolver.solve(check, second.token())), "192.0.2.231");
        assertThat(joined.alreadyHandled()).contains(openCase.caseNumber());
        CaseRecord report = cases.findByTrackingCode(joined.trackingCode()).orElseThrow();
        assertThat(report.caseNumber()).isEqualTo(joined.caseNumber()).isNotEqualTo(openCase.caseNumber());
        assertThat(report.channel()).isEqualTo(Channel.CITIZEN);
        assertThat(report.status()).isEqualTo(CaseStatus.MERGED);
        assertThat(report.mergedInto()).isEqualTo(openCase.caseNumber());
        assertThat(tasks.createTaskQuery().processInstanceId(report.processInstanceId()).count()).as("nobody works it").isZero();
        assertThat(cases.mergedInto(openCase.caseNumber())).as("one of the open case's reporters")
                .extracting(CaseRecord::caseNumber).containsExactly(report.caseNumber());
        assertThat(cases.get(openCase.id()).status()).as("the open case goes on").isEqualTo(CaseStatus.VERIFYING);

        // another kind at the same place, or the same kind farther than the distance, is a case of its own
        HumanCheck.Challenge third = check.issue();
        CitizenReports.Receipt other = citizens.submit(new CitizenReport("STREETLIGHT", lng, lat, null, null, "路灯不亮", List.of(),
                null, null, null, third.token(), HumanCheckSolver.solve(check, third.token())), "192.0.2.232");
        assertThat(other.alreadyHandled()).isEmpty();
        assertThat(cases.findByTrackingCode(other.trackingCode()).orElseThrow().status()).isEqualTo(CaseStatus.VERIFYING);
        HumanCheck.Challenge fourth = check.issue();
        CitizenReports.Receipt far = citizens.submit(new CitizenReport("MANHOLE", lng + 0.002, lat, null, null, "井盖缺失", List.of(),
                null, null, null, fourth.token(), HumanCheckSolver.solve(check, fourth.token())), "192.0.2.233");
        assertThat(far.alreadyHandled()).isEmpty();
    }

    @Test
    void anAddressInWordsGoesToItsCommunitysFirstGrid() {
        HumanCheck.Challenge ch = check.issue();
        CitizenReports.Receipt r = citizens.submit(new CitizenReport("STREETLIGHT", null, null, "S02C02", "某小区 3 号楼北侧",
                "路灯不亮", List.of(), null, null, null, ch.token(), HumanCheckSolver.solve(check, ch.token())), "203.0.113.8");
        CaseRecord c = cases.findByTrackingCode(r.trackingCode()).orElseThrow();
        assertThat(c.gridCode()).isEqualTo("S02C02G01");
        assertThat(c.longitude()).isNull();
        assertThat(c.address()).isEqualTo("某小区 3 号楼北侧");

        HumanCheck.Challenge again = check.issue();
        assertThatThrownBy(() -> citizens.submit(new CitizenReport("STREETLIGHT", null, null, null, "某小区", "路灯不亮", List.of(),
                null, null, null, again.token(), HumanCheckSolver.solve(check, again.token())), "203.0.113.8"))
                .isInstanceOfSatisfying(ReportRefusedException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.messageKey()).containsExactly("error.citizen.placeNeeded"));
    }

    @Test
    void overTheLimitPerClientIsRefusedWithAMessageAndNothingIsStored() {
        for (int i = 0; i < 10; i++) {
            // every try counts, even one whose check fails
            String phone = "1390000" + String.format("%04d", i);
            assertThatThrownBy(() -> citizens.submit(report(phone, null, false), "198.51.100.1"))
                    .isInstanceOfSatisfying(CitizenRefusedException.class,
                            e -> assertThat(e.messageKey()).isEqualTo("error.citizen.check.wrong"));
        }
        long before = caseCount();
        assertThatThrownBy(() -> citizens.submit(report("13911112222", null, true), "198.51.100.1"))
                .isInstanceOfSatisfying(CitizenRefusedException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("error.citizen.tooManyFromClient");
                    assertThat(e.httpStatus()).isEqualTo(429);
                    assertThat(io.gridloop.ui.Translations.translate(e.messageKey(), io.gridloop.ui.Translations.CHINESE, e.args()))
                            .contains("每小时最多上报 10 次");
                });
        assertThat(caseCount()).isEqualTo(before);
        // another client is not held up, and no case number went missing
        CitizenReports.Receipt next = citizens.submit(report("13911112222", null, true), "198.51.100.2");
        CitizenReports.Receipt after = citizens.submit(report("13911113333", null, true), "198.51.100.3");
        assertThat(sequence(after.caseNumber())).isEqualTo(sequence(next.caseNumber()) + 1);
        // an hour later the client may report again
        loop.at(java.time.Instant.now().plus(Duration.ofMinutes(61)));
        assertThat(citizens.submit(report("13911114444", null, true), "198.51.100.1").trackingCode()).isNotBlank();
    }

    @Test
    void overTheLimitPerPhoneOrEmailIsRefusedFromAnyClient() {
        for (int i = 0; i < 5; i++) {
            citizens.submit(report("138 0000 9999", null, true), "192.0.2." + i);
        }
        long before = caseCount();
        assertThatThrownBy(() -> citizens.submit(report("13800009999", null, true), "192.0.2.77"))
                .isInstanceOfSatisfying(CitizenRefusedException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("error.citizen.tooManyFromContact"));
        for (int i = 0; i < 5; i++) {
            citizens.submit(report(null, "Someone@Example.org", true), "192.0.3." + i);
        }
        assertThatThrownBy(() -> citizens.submit(report(null, "someone@example.org", true), "192.0.3.77"))
                .isInstanceOfSatisfying(CitizenRefusedException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("error.citizen.tooManyFromContact"));
        assertThat(caseCount()).isEqualTo(before + 5);
    }

    @Test
    void aWrongReplayedForgedOrExpiredCheckIsRefusedAndNothingIsStored() {
        long before = caseCount();
        HumanCheck.Challenge ch = check.issue();
        String right = HumanCheckSolver.solve(check, ch.token());
        CitizenReport template = report(null, null, true);
        CitizenReport wrong = new CitizenReport(template.subcategoryCode(), LNG, LAT, null, null, "井盖缺失", List.of(), null, null,
                null, ch.token(), HumanCheckSolver.wrong(check, ch.token()));
        assertThatThrownBy(() -> citizens.submit(wrong, "192.0.2.200")).hasMessage("error.citizen.check.wrong");
        // the wrong answer used the check up: the right answer comes too late
        CitizenReport late = new CitizenReport(template.subcategoryCode(), LNG, LAT, null, null, "井盖缺失", List.of(), null, null,
                null, ch.token(), right);
        assertThatThrownBy(() -> citizens.submit(late, "192.0.2.200")).hasMessage("error.citizen.check.used");

        // a right answer is accepted once, and refused when sent again
        HumanCheck.Challenge once = check.issue();
        CitizenReport first = new CitizenReport("MANHOLE", LNG, LAT, null, null, "井盖缺失", List.of(), null, null, null,
                once.token(), HumanCheckSolver.solve(check, once.token()));
        citizens.submit(first, "192.0.2.201");
        assertThatThrownBy(() -> citizens.submit(first, "192.0.2.201")).hasMessage("error.citizen.check.used");

        // a token made up or with its expiry moved is not GridLoop's
        String[] parts = check.issue().token().split("\\.");
        String moved = parts[0] + "." + (Long.parseLong(parts[1]) + 3600) + "." + parts[2];
        for (String forged : new String[] {moved, "0123456789abcdef0123456789abcdef.99999999999.AAAA", "", null, "a.b.c"}) {
            CitizenReport r = new CitizenReport("MANHOLE", LNG, LAT, null, null, "井盖缺失", List.of(), null, null, null, forged, "42");
            assertThatThrownBy(() -> citizens.submit(r, "192.0.2.202")).isInstanceOf(CitizenRefusedException.class);
        }

        // a check answered after its 15 minutes is refused
        HumanCheck.Challenge old = check.issue();
        loop.at(java.time.Instant.now().plus(Duration.ofMinutes(16)));
        CitizenReport expired = new CitizenReport("MANHOLE", LNG, LAT, null, null, "井盖缺失", List.of(), null, null, null,
                old.token(), HumanCheckSolver.solve(check, old.token()));
        assertThatThrownBy(() -> citizens.submit(expired, "192.0.2.203")).hasMessage("error.citizen.check.expired");
        assertThat(caseCount()).isEqualTo(before + 1);
    }

    @Test
    void aRefusedReportUsesUpItsCheckButNoCaseNumber() {
        CitizenReports.Receipt a = citizens.submit(report(null, null, true), "192.0.2.210");
        HumanCheck.Challenge ch = check.issue();
        CitizenReport bad = new CitizenReport("NO_SUCH", LNG, LAT, null, null, "<script>alert(1)</script>", List.of(), null, "abc",
                null, ch.token(), HumanCheckSolver.solve(check, ch.token()));
        assertThatThrownBy(() -> citizens.submit(bad, "192.0.2.210"))
                .isInstanceOfSatisfying(ReportRefusedException.class, e -> assertThat(e.problems()).extracting(p -> p.messageKey())
                        .contains("error.citizen.phoneInvalid", "error.citizen.plainText"));
        assertThatThrownBy(() -> citizens.submit(bad, "192.0.2.210")).hasMessage("error.citizen.check.used");
        CitizenReports.Receipt b = citizens.submit(report(null, null, true), "192.0.2.210");
        assertThat(sequence(b.caseNumber())).isEqualTo(sequence(a.caseNumber()) + 1);
    }

    @Test
    void theMostReportedSubcategoriesComeFirst() {
        for (int i = 0; i < 3; i++) {
            HumanCheck.Challenge ch = check.issue();
            citizens.submit(new CitizenReport("BENCH", LNG, LAT, null, null, "长椅损坏", List.of(), null, null, null, ch.token(),
                    HumanCheckSolver.solve(check, ch.token())), "192.0.2.220");
        }
        List<String> codes = citizens.subcategories().stream().map(io.gridloop.grid.Category::code).toList();
        assertThat(codes.indexOf("BENCH")).isLessThan(codes.indexOf("GUARDRAIL"));
        assertThat(codes).doesNotHaveDuplicates().hasSizeGreaterThan(30);
    }
}
