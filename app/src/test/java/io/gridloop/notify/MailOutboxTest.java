package io.gridloop.notify;

import static io.gridloop.process.CaseLoop.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.Channel;
import io.gridloop.casefile.Urgency;
import io.gridloop.intake.Report;
import io.gridloop.intake.ReportService;
import io.gridloop.support.GridLoopTest;
import io.gridloop.support.LoopDriver;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Mail through the outbox to a real SMTP server (GreenMail): content, recipients, retry after an outage, no duplicates. */
@GridLoopTest
class MailOutboxTest {

    static final int PORT = freePort();
    static GreenMail smtp = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry r) {
        r.add("spring.mail.host", () -> "127.0.0.1");
        r.add("spring.mail.port", () -> PORT);
        // the test sends; the scheduled sender waits
        r.add("gridloop.mail.poll", () -> "PT1H");
        r.add("gridloop.mail.retry-base", () -> "PT1M");
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Autowired
    LoopDriver loop;
    @Autowired
    OutboxSender sender;
    @Autowired
    ReportService reports;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    io.gridloop.casefile.CaseLabels labels;
    @Autowired
    Outbox outbox;
    @Autowired
    io.gridloop.security.AccessScopes scopes;

    @BeforeEach
    void start() throws Exception {
        if (!smtp.isRunning()) {
            smtp.start();
        }
        sender.sendDue();
        smtp.purgeEmailFromAllMailboxes();
    }

    @AfterEach
    void clock() {
        loop.resetClock();
    }

    @AfterAll
    static void stop() {
        smtp.stop();
    }

    private CaseRecord overdueHandling() {
        loop.at(LoopDriver.MONDAY_0900);
        CaseRecord c = loop.reportByGridWorker("STREETLIGHT");
        loop.complete(c.id(), TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER"));
        loop.complete(c.id(), TASK_DISPATCH, "zhangmin", Map.of("department", "roads", "coDepartments", List.of()));
        loop.at(loop.caseFile(c.id()).dueAt().toInstant().plusSeconds(60));
        return loop.caseFile(c.id());
    }

    private List<MimeMessage> to(String address, String caseNumber) {
        return to(address, caseNumber, "");
    }

    private List<MimeMessage> to(String address, String caseNumber, String keyword) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address) && m.getSubject().contains(caseNumber)
                        && m.getSubject().contains(keyword);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void overdueReminderIsMailedToTheDepartmentInChineseAndEnglish() throws Exception {
        CaseRecord c = overdueHandling();
        assertThat(sender.sendDue()).isPositive();
        // the warning at 80% and the reminder at the limit
        assertThat(to("sunli@gridloop.local", c.caseNumber(), "预警")).hasSize(1);
        List<MimeMessage> mails = to("sunli@gridloop.local", c.caseNumber(), "超期催办");
        assertThat(mails).hasSize(1);
        MimeMessage m = mails.get(0);
        // the reason, the case, its category, the step and its due date in the district's time
        assertThat(m.getSubject()).isEqualTo("【超期催办】案件 " + c.caseNumber() + " · 公用设施 / 路灯不亮 · 处置环节已于 "
                + labels.time(c.dueAt()) + " 超期");
        String body = GreenMailUtil.getBody(m);
        assertThat(m.getContent().toString()).contains("案件编号:" + c.caseNumber(), "问题类别:公用设施 / 路灯不亮", "办理环节:处置",
                "办理时限:" + labels.time(c.dueAt()), "请立即办理并反馈", "English",
                "[Overdue reminder] Case " + c.caseNumber() + " · Public facilities / Street light out · handling was due at",
                "/case/" + c.caseNumber());
        assertThat(body).isNotBlank();
        // warned and reminded groups only: nobody outside dept-roads got the reminder
        assertThat(to("zhaolei@gridloop.local", c.caseNumber())).isEmpty();
    }

    @Test
    void aMailQueuedWhileTheServerIsDownIsSentOnceWhenItIsBack() throws Exception {
        smtp.stop();
        CaseRecord c = overdueHandling();
        assertThat(sender.sendDue()).isZero();
        Map<String, Object> row = jdbc.sql("select status, attempts, last_error from gl_outbox where recipient = 'sunli' and subject like :s")
                .param("s", "%" + c.caseNumber() + "%超期%").query().singleRow();
        assertThat(row.get("status")).isEqualTo("PENDING");
        assertThat(((Number) row.get("attempts")).intValue()).isEqualTo(1);
        assertThat(row.get("last_error")).isNotNull();

        smtp = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        assertThat(sender.sendDue()).as("backing off: not yet").isZero();
        loop.at(loop.caseFile(c.id()).dueAt().toInstant().plus(Duration.ofMinutes(5)));
        assertThat(sender.sendDue()).isPositive();
        assertThat(to("sunli@gridloop.local", c.caseNumber(), "超期催办")).hasSize(1);
        sender.sendDue();
        assertThat(to("sunli@gridloop.local", c.caseNumber(), "超期催办")).as("never twice").hasSize(1);
    }

    @Autowired
    io.gridloop.inbox.TaskDigest digest;
    @Autowired
    io.gridloop.inbox.InboxService inbox;

    @Test
    void newTasksAndHandedOverTasksArriveAsOneDigestMail() throws Exception {
        java.time.Instant quiet = LoopDriver.MONDAY_0900.plus(Duration.ofDays(800));
        loop.at(quiet);
        CaseRecord a = loop.reportByGridWorker("MANHOLE");
        CaseRecord b = loop.reportByGridWorker("ROAD_DAMAGE");
        loop.complete(b.id(), TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER"));
        loop.complete(b.id(), TASK_DISPATCH, "zhangmin", Map.of("department", "citymgmt", "coDepartments", List.of()));
        String handle = loop.task(b.id(), TASK_HANDLE).taskId();
        inbox.handOver(handle, "liuyang", loop.groups("liuyang"), "chenjing");
        loop.at(quiet.plus(Duration.ofMinutes(31)));
        digest.run();
        sender.sendDue();
        List<MimeMessage> lina = Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals("lina@gridloop.local") && m.getSubject().startsWith("【待办】");
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertThat(lina).hasSize(1);
        // b's registration was already done within the period, so only a's is still to do
        assertThat(lina.get(0).getContent().toString()).contains(a.caseNumber()).doesNotContain(b.caseNumber());
        List<MimeMessage> chenjing = Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals("chenjing@gridloop.local") && m.getSubject().startsWith("【待办】");
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertThat(chenjing).as("the task handed to her").hasSize(1);
        assertThat(chenjing.get(0).getContent().toString()).contains(b.caseNumber());
    }

    @Test
    void theReporterIsToldWhenTheCaseIsFiled() throws Exception {
        Report r = new Report(Channel.HOTLINE, Urgency.NORMAL, null, "STREETLIGHT", "S03C01G02", null, null, null, "路灯不亮", "王先生",
                "13900000000", "wang@example.cn", false, List.of());
        CaseRecord c = reports.report(r, "lina");
        loop.complete(c.id(), TASK_VERIFY, "lihua", Map.of("verifyResult", "CONFIRMED"));
        loop.complete(c.id(), TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER"));
        loop.complete(c.id(), TASK_DISPATCH, "zhangmin", Map.of("department", "roads", "coDepartments", List.of()));
        loop.complete(c.id(), TASK_HANDLE, "sunli", Map.of("handleOutcome", "FEEDBACK", "feedback", "已修复"));
        loop.complete(c.id(), TASK_CHECK, "lihua", Map.of("checkResult", "PASSED"));
        loop.complete(c.id(), TASK_CALLBACK, "lina", Map.of("satisfaction", "SATISFIED"));
        sender.sendDue();
        List<MimeMessage> mails = to("wang@example.cn", c.caseNumber());
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).getSubject()).contains("您反映的问题已办结");
    }

    @Test
    void warningsAndRemindersReachOnlyTheOfficialsWhoMayWorkTheStepOfThatCase() throws Exception {
        loop.at(LoopDriver.MONDAY_0900.plus(Duration.ofDays(200)));
        // verification in grid S02C02G03, wangwei's: not lihua, the grid worker of street S03
        CaseRecord verify = loop.reportByCitizen("STREETLIGHT");
        // registration of a case in street S01: the district's intake operator, not street S03's
        CaseRecord register = loop.reportByGridWorker("STREETLIGHT");
        java.time.Instant later = java.util.stream.Stream.of(verify, register).map(c -> loop.caseFile(c.id()).dueAt().toInstant())
                .max(java.util.Comparator.naturalOrder()).orElseThrow();
        loop.at(later.plusSeconds(60));
        sender.sendDue();
        assertThat(to("wangwei@gridloop.local", verify.caseNumber(), "预警")).hasSize(1);
        assertThat(to("wangwei@gridloop.local", verify.caseNumber(), "超期催办")).hasSize(1);
        assertThat(to("lihua@gridloop.local", verify.caseNumber())).as("another street's grid worker").isEmpty();
        assertThat(to("lina@gridloop.local", register.caseNumber(), "超期催办")).hasSize(1);
        assertThat(to("gaofei@gridloop.local", register.caseNumber())).as("street S03's intake operator").isEmpty();
        assertThat(outbox.of("gaofei", 500)).noneSatisfy(m -> assertThat(m.subject()).contains(register.caseNumber()));
        assertThat(outbox.of("lihua", 500)).noneSatisfy(m -> assertThat(m.subject()).contains(verify.caseNumber()));
    }

    @Test
    void aMessageShowsItsCaseLinkOnlyToAnOfficialWhoseScopeSeesTheCase() {
        CaseRecord c = loop.reportByGridWorker("MANHOLE");
        for (String user : List.of("wangwei", "lihua", "admin")) {
            // a message about a case outside the reader's scope now (as after their grids moved to another street)
            jdbc.sql("""
                    insert into gl_outbox (event_key, recipient, subject, body, link, created_at, status, next_attempt_at, case_number)
                    values (:e, :r, :s, :b, :l, current_timestamp, 'IN_APP', current_timestamp, :c)""")
                    .param("e", "test:" + c.caseNumber()).param("r", user).param("s", "案件 " + c.caseNumber())
                    .param("b", "正文\n\nhttp://localhost:8080/case/" + c.caseNumber()).param("l", "http://localhost:8080/case/" + c.caseNumber())
                    .param("c", c.caseNumber()).update();
        }
        var wangwei = outbox.of(scopes.of("wangwei", loop.groups("wangwei")), 500).stream()
                .filter(m -> m.eventKey().equals("test:" + c.caseNumber())).toList();
        assertThat(wangwei).singleElement().satisfies(m -> {
            assertThat(m.link()).endsWith("/case/" + c.caseNumber());
            assertThat(m.body()).contains("/case/" + c.caseNumber());
        });
        var lihua = outbox.of(scopes.of("lihua", loop.groups("lihua")), 500).stream()
                .filter(m -> m.eventKey().equals("test:" + c.caseNumber())).toList();
        assertThat(lihua).singleElement().satisfies(m -> {
            assertThat(m.link()).isNull();
            assertThat(m.body()).doesNotContain("/case/");
        });
        // an administrator reads their own messages, not everyone's
        assertThat(outbox.of(scopes.of("admin", loop.groups("admin")), 500)).allSatisfy(m -> assertThat(m.recipient()).isEqualTo("admin"));
    }
}
