package io.gridloop.intake;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.RouteParameters;
import io.gridloop.casefile.Attachment;
import io.gridloop.casefile.CaseDetails;
import io.gridloop.process.CaseLoop;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.CaseSearchView;
import io.gridloop.casefile.CaseStatus;
import io.gridloop.casefile.CaseView;
import io.gridloop.grid.ReferenceData;
import io.gridloop.inbox.InboxTask;
import io.gridloop.inbox.InboxView;
import io.gridloop.inbox.TaskView;
import io.gridloop.support.GridLoopTest;
import io.gridloop.support.KaribuUi;
import io.gridloop.support.LoopDriver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Resolved on the spot (当场处置): the grid worker sends photos before and after apart; the case page, the inbox and
 * case search say so, and the intake operator reads it above the register form.
 */
@GridLoopTest
class SelfResolvedTest {

    @Autowired
    ApplicationContext ctx;
    @Autowired
    LoopDriver loop;
    @Autowired
    io.gridloop.casefile.CaseTimeline caseTimeline;
    @Autowired
    ReferenceData reference;
    @Autowired
    ReportService reports;

    @AfterEach
    void signOut() {
        KaribuUi.signOut();
    }

    @Test
    void theReportPageTakesPhotosBeforeAndAfterApart() {
        KaribuUi.signIn(ctx, "wangwei");
        UI.getCurrent().navigate(ReportView.class);
        ReportView view = _get(ReportView.class);
        assertThat(view.afterUpload.getParent().orElseThrow().isVisible()).as("only once resolved on the spot").isFalse();
        view.selfResolved.setValue(true);
        assertThat(view.afterUpload.getParent().orElseThrow().isVisible()).isTrue();
        assertThat(view.photosLabel.getText()).isEqualTo("处置前照片");

        view.subcategory.setValue(reference.subcategory("ILLEGAL_ADS").orElseThrow());
        view.grid.setValue(reference.grid("S01C01G02").orElseThrow());
        view.description.setValue("小广告已当场清除");
        view.photos.add(new Report.Photo("before.png", LoopDriver.PNG));
        view.submit.click();
        // no photo of the work done: refused, named as such, nothing saved
        assertThat(_find(ReportView.class)).hasSize(1);

        view.afterPhotos.add(new Report.Photo("after.png", LoopDriver.PNG));
        view.submit.click();
        _get(CaseView.class);
        assertThat(_get(Span.class, spec -> spec.withId("case-self-resolved")).getText()).isEqualTo("当场处置");
        assertThat(_get(CaseDetails.class).getElement().getTextRecursively()).contains("当场处置");
    }

    @Test
    void thePhotosAreKeptApartAndTheWordIsOnEveryList() {
        CaseRecord c = loop.reportSelfResolved("ILLEGAL_ADS");
        List<Attachment> photos = caseTimeline.attachments(c.id());
        assertThat(photos).extracting(Attachment::fileName, Attachment::before)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("before.png", true),
                        org.assertj.core.groups.Tuple.tuple("after.png", false));

        // the intake operator, before registering: on the row, above the form, beside the photos
        KaribuUi.signIn(ctx, "lina");
        UI.getCurrent().navigate(InboxView.class);
        _get(InboxView.class);
        @SuppressWarnings("unchecked")
        com.vaadin.flow.component.grid.Grid<InboxTask> grid = _get(com.vaadin.flow.component.grid.Grid.class,
                spec -> spec.withId("inbox-grid"));
        List<InboxTask> rows = GridKt._fetch(grid, 0, 500);
        InboxTask row = rows.stream().filter(t -> t.caseId() == c.id()).findFirst().orElseThrow();
        assertThat(row.selfResolved()).isTrue();
        assertThat(GridKt._getFormattedRow(grid, rows.indexOf(row))).anySatisfy(cell -> assertThat(cell).contains("当场处置"));

        UI.getCurrent().navigate(TaskView.class, new RouteParameters("taskId", row.taskId()));
        TaskView task = _get(TaskView.class);
        Paragraph note = _get(task, Paragraph.class, spec -> spec.withId("task-self-resolved"));
        assertThat(note.getText()).contains("当场处置").contains("处置前、处置后照片");
        assertThat(_get(CaseDetails.class).getElement().getTextRecursively()).contains("当场处置").contains("处置前").contains("处置后");
        assertThat(_get(Span.class, spec -> spec.withId("case-self-resolved")).getText()).isEqualTo("当场处置");

        loop.complete(c.id(), CaseLoop.TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER"));
        assertThat(loop.caseFile(c.id()).status()).isEqualTo(CaseStatus.FILED);

        // case search: the status says how it was closed
        UI.getCurrent().navigate(CaseSearchView.class);
        @SuppressWarnings("unchecked")
        com.vaadin.flow.component.grid.Grid<CaseRecord> results = _get(com.vaadin.flow.component.grid.Grid.class,
                spec -> spec.withId("case-results"));
        List<CaseRecord> found = GridKt._fetch(results, 0, 500);
        int i = found.stream().map(CaseRecord::id).toList().indexOf(c.id());
        assertThat(i).isNotNegative();
        assertThat(GridKt._getFormattedRow(results, i)).anySatisfy(cell -> assertThat(cell).contains("当场处置"));
    }

    @Test
    void photosOfTheWorkDoneBelongOnlyToAReportResolvedOnTheSpot() {
        Report r = LoopDriver.report(io.gridloop.casefile.Channel.GRID_WORKER, "ILLEGAL_ADS", "S01C01G02");
        Report withAfter = new Report(r.channel(), r.urgency(), null, r.subcategoryCode(), r.gridCode(), null, null, null, "小广告",
                null, null, null, false, List.of(), List.of(new Report.Photo("after.png", LoopDriver.PNG)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reports.report(withAfter, "wangwei"))
                .isInstanceOfSatisfying(ReportRefusedException.class, e -> assertThat(e.problems())
                        .extracting(ReportRefusedException.Problem::messageKey).containsExactly("error.report.afterPhotosOnlySelfResolved"));
        Report noAfter = new Report(r.channel(), r.urgency(), null, r.subcategoryCode(), r.gridCode(), null, null, null, "小广告",
                null, null, null, true, List.of(new Report.Photo("before.png", LoopDriver.PNG)), List.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reports.report(noAfter, "wangwei"))
                .isInstanceOfSatisfying(ReportRefusedException.class, e -> assertThat(e.problems())
                        .extracting(ReportRefusedException.Problem::field).containsExactly("afterPhotos"));
    }
}
