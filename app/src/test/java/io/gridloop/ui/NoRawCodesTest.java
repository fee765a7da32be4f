package io.gridloop.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static io.gridloop.process.CaseLoop.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.RouteParameters;
import io.gridloop.casefile.CaseDetails;
import io.gridloop.casefile.CaseLabels;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.CaseSearchView;
import io.gridloop.casefile.CaseView;
import io.gridloop.casefile.TrackView;
import io.gridloop.deadline.Supervision;
import io.gridloop.deadline.SupervisionOrder;
import io.gridloop.deadline.SupervisionView;
import io.gridloop.inbox.InboxView;
import io.gridloop.inbox.TaskView;
import io.gridloop.intake.ReportView;
import io.gridloop.notify.MessagesView;
import io.gridloop.open311.Open311KeysView;
import io.gridloop.security.AccessScopes;
import io.gridloop.security.LoginView;
import io.gridloop.support.GridLoopTest;
import io.gridloop.support.KaribuUi;
import io.gridloop.support.LoopDriver;
import io.gridloop.support.RenderedText;
import io.gridloop.open311.Open311Keys;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * No raw value reaches an official: every view and a case's timeline, rendered in Chinese and in English, scanned for
 * enum names, group ids, ISO durations, login ids, code lists, untranslated keys, doubled words and empty toasts.
 */
@GridLoopTest
class NoRawCodesTest {

    @Autowired
    ApplicationContext ctx;
    @Autowired
    LoopDriver loop;
    @Autowired
    Supervision supervision;
    @Autowired
    AccessScopes scopes;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired
    CaseLabels labels;

    @AfterEach
    void signOut() {
        KaribuUi.signOut();
    }

    /** A case that went through extension, an empty co-department list and a supervision order, waiting for its check. */
    private CaseRecord caseAtCheck() {
        CaseRecord c = loop.reportByGridWorker("ROAD_DAMAGE");
        loop.complete(c.id(), TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER"));
        loop.complete(c.id(), TASK_DISPATCH, "zhangmin", Map.of("department", "roads", "coDepartments", List.of()));
        loop.complete(c.id(), TASK_HANDLE, "sunli", Map.of("handleOutcome", "EXTENSION", "extensionDays", 3, "extensionReason", "等待材料"));
        loop.complete(c.id(), TASK_APPROVE_EXTENSION, "zhoujie", Map.of("extensionDecision", "APPROVED", "approvedDays", 3));
        supervision.openByHand(c.caseNumber(), scopes.of("zhoujie", loop.groups("zhoujie")), SupervisionOrder.Level.DISTRICT, "群众多次反映");
        loop.complete(c.id(), TASK_HANDLE, "sunli", Map.of("handleOutcome", "FEEDBACK", "feedback", "路面已修补"));
        return c;
    }

    private void signIn(String user, Locale locale) {
        KaribuUi.signOut();
        if (user == null) {
            KaribuUi.anonymous(ctx);
        } else {
            KaribuUi.signIn(ctx, user);
        }
        UI.getCurrent().setLocale(locale);
    }

    private List<String> scan(String page, Locale locale) {
        return scan(page, locale, Set.of());
    }

    private List<String> scan(String page, Locale locale, Set<String> alsoAllowed) {
        List<String> texts = RenderedText.ofCurrentPage();
        assertThat(texts).as("%s renders text", page).isNotEmpty();
        return RenderedText.rawIdentifiers(texts, !"en".equals(locale.getLanguage()), alsoAllowed).stream()
                .map(f -> page + ": " + f).toList();
    }

    private List<String> everyView(CaseRecord c, Locale locale) throws IOException {
        List<String> found = new ArrayList<>();
        signIn("wangwei", locale);
        UI.getCurrent().navigate(InboxView.class);
        found.addAll(scan("inbox", locale));
        UI.getCurrent().navigate(ReportView.class);
        found.addAll(scan("report", locale));
        UI.getCurrent().navigate(CaseSearchView.class);
        found.addAll(scan("cases", locale));
        UI.getCurrent().navigate(CaseView.class, new RouteParameters("caseNumber", c.caseNumber()));
        _get(CaseDetails.class);
        found.addAll(scan("case", locale));
        UI.getCurrent().navigate(TaskView.class, new RouteParameters("taskId", loop.task(c.id(), TASK_CHECK).taskId()));
        _get(TaskView.class);
        found.addAll(scan("check task", locale));
        UI.getCurrent().navigate(MessagesView.class);
        found.addAll(scan("messages", locale));
        // UI.navigate would hand an unknown address to the browser's router; the server's router shows the error page
        UI.getCurrent().getInternals().getRouter().navigate(UI.getCurrent(), new com.vaadin.flow.router.Location("no-such-page"),
                com.vaadin.flow.router.NavigationTrigger.PROGRAMMATIC);
        _get(NotFoundView.class);
        found.addAll(scan("not found", locale));

        signIn("zhoujie", locale);
        UI.getCurrent().navigate(SupervisionView.class);
        found.addAll(scan("supervision", locale));
        UI.getCurrent().navigate(InboxView.class);
        found.addAll(scan("supervisor's inbox", locale));

        signIn("sunli", locale);
        UI.getCurrent().navigate(InboxView.class);
        found.addAll(scan("handler's inbox", locale));

        signIn("admin", locale);
        UI.getCurrent().navigate(Open311KeysView.class);
        // a key's label and first characters are what the administrator typed and the client sends
        Set<String> keyTexts = new java.util.HashSet<>();
        ctx.getBean(Open311Keys.class).list().forEach(k -> {
            keyTexts.add(k.label());
            keyTexts.add(k.hint());
        });
        found.addAll(scan("open311 keys", locale, keyTexts));

        signIn(null, locale);
        UI.getCurrent().navigate(TrackView.class, new RouteParameters("code", c.trackingCode()));
        found.addAll(scan("track", locale));
        UI.getCurrent().navigate(LoginView.class);
        // the sign-in page lists the demo accounts' login ids to type: the one page where an id is what one must read
        Set<String> loginIds = new java.util.HashSet<>(Set.of("demo"));
        ctx.getBean(org.camunda.bpm.engine.IdentityService.class).createUserQuery().list().forEach(u -> loginIds.add(u.getId()));
        found.addAll(scan("login", locale, loginIds));
        return found;
    }

    @Test
    void noViewShowsARawCodeInChinese() throws IOException {
        CaseRecord c = caseAtCheck();
        assertThat(everyView(c, Translations.CHINESE)).isEmpty();
    }

    @Test
    void noViewShowsARawCodeInEnglish() throws IOException {
        CaseRecord c = caseAtCheck();
        assertThat(everyView(c, Translations.ENGLISH)).isEmpty();
    }

    @Test
    void theTimelineReadsInPlainWords() {
        CaseRecord c = caseAtCheck();
        signIn("wangwei", Translations.CHINESE);
        UI.getCurrent().navigate(CaseView.class, new RouteParameters("caseNumber", c.caseNumber()));
        String timeline = _get(CaseDetails.class).getElement().getTextRecursively();
        assertThat(timeline).contains("王伟 · 上报 · 网格员上报").doesNotContain("上报 · 上报")
                .contains("延期 · 3 个工作日").contains("区级").contains(": 无").contains("系统")
                // a form's fields stored by key, named in the reader's language
                .contains("申请延期天数: 3").contains("延期理由: 等待材料").doesNotContain("extensionDays");
        assertThat(UI.getCurrent().getInternals().getTitle()).isEqualTo("案件 " + c.caseNumber() + " · GridLoop");

        signIn("wangwei", Translations.ENGLISH);
        UI.getCurrent().navigate(CaseView.class, new RouteParameters("caseNumber", c.caseNumber()));
        assertThat(_get(CaseDetails.class).getElement().getTextRecursively()).contains("Extended · 3 working day(s)")
                .contains("Days requested: 3").doesNotContain("申请延期天数");
        assertThat(UI.getCurrent().getInternals().getTitle()).isEqualTo("Case " + c.caseNumber() + " · GridLoop");
    }

    @Test
    void storedValuesInPlainWords() {
        Locale zh = Translations.CHINESE;
        assertThat(labels.duration("P3D", zh)).isEqualTo("3 个工作日");
        assertThat(labels.duration("P3DT4H", zh)).isEqualTo("3 个工作日 4 小时");
        assertThat(labels.value("[]", zh)).isEqualTo("无");
        assertThat(labels.value("[roads]", zh)).doesNotContain("roads").doesNotContain("[");
        assertThat(labels.value("DISTRICT", zh)).isEqualTo("区级");
        assertThat(labels.person("wangwei", zh)).isEqualTo("王伟");
        assertThat(labels.group("supervisor", zh)).doesNotContain("supervisor");
        assertThat(labels.text("超期督办 → dept-roads · 时限 P2DT1H", zh)).doesNotContain("dept-").doesNotContain("P2D").contains("2 个工作日 1 小时");
        assertThat(labels.stepAndAction("REPORT", "REPORTED", zh)).isEqualTo("上报");
    }

    /** The scan can fail: a code nobody translated, written on a case's timeline, is caught on the case page. */
    @Test
    void theScanCatchesAPlantedRawCode() {
        CaseRecord c = loop.reportByGridWorker("MANHOLE");
        // an action the code has no name for (the enum keeps new ones out of addTimeline), as an old row might hold
        jdbc.sql("""
                insert into gl_timeline (case_id, at, actor, step, action, decision, comment, details)
                values (:case, current_timestamp, 'wangwei', 'HANDLE', 'SOME_NEW_ACTION', 'P5D', null, '协办部门: [nosuchdept]')""")
                .param("case", c.id()).update();
        signIn("wangwei", Translations.CHINESE);
        UI.getCurrent().navigate(CaseView.class, new RouteParameters("caseNumber", c.caseNumber()));
        _get(CaseDetails.class);
        assertThat(scan("case", Translations.CHINESE)).anyMatch(f -> f.endsWith("← SOME_NEW_ACTION"))
                .anyMatch(f -> f.endsWith("← nosuchdept"));
        signIn("wangwei", Translations.ENGLISH);
        UI.getCurrent().navigate(CaseView.class, new RouteParameters("caseNumber", c.caseNumber()));
        _get(CaseDetails.class);
        assertThat(scan("case", Translations.ENGLISH)).anyMatch(f -> f.endsWith("← SOME_NEW_ACTION"));
    }
}
