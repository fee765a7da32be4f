package io.gridloop.intake;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static io.gridloop.process.CaseLoop.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.upload.FileRejectedEvent;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.RouteParameters;
import io.gridloop.casefile.CaseFileService;
import io.gridloop.casefile.CaseQuery;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.CaseStatus;
import io.gridloop.inbox.TaskView;
import io.gridloop.security.AccessScope;
import io.gridloop.support.GridLoopTest;
import io.gridloop.support.KaribuUi;
import io.gridloop.support.LoopDriver;
import io.gridloop.ui.RefusedUploads;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * A photo the upload refuses (over the size limit) is said in Chinese, and the report or task form is not sent without
 * it until the official chooses again or lets it go; the description says how many characters are left.
 */
@GridLoopTest
class UploadRefusalTest {

    @Autowired
    ApplicationContext ctx;
    @Autowired
    CaseFileService cases;
    @Autowired
    io.gridloop.casefile.CaseSearch search;
    @Autowired
    ReportService reports;
    @Autowired
    io.gridloop.grid.ReferenceData reference;
    @Autowired
    LoopDriver loop;

    @AfterEach
    void signOut() {
        KaribuUi.signOut();
    }

    /** What the browser's upload does with a file over its maximum size: it refuses it and tells the server so. */
    private static void tooBig(Upload upload, String fileName) {
        ComponentUtil.fireEvent(upload, new FileRejectedEvent(upload, "File is Too Big.", fileName));
    }

    private int reportsWith(String description) {
        return (int) search.search(new CaseQuery(null, null, "S01C01G01", null, null, null, null, null, null, description, null, 0, 50),
                AccessScope.of("wangwei", List.of("grid-worker"), Set.of("S01C01G01"))).size();
    }

    @Test
    void aReportIsNotSentWhileAChosenPhotoWasRefused() {
        KaribuUi.signIn(ctx, "wangwei");
        UI.getCurrent().navigate(ReportView.class);
        ReportView view = _get(ReportView.class);
        assertThat(view.upload.getMaxFileSize()).as("the service's limit, told to the upload").isEqualTo((int) reports.maxPhotoBytes());
        String description = "井盖破损 " + UUID.randomUUID();
        view.subcategory.setValue(reference.subcategory("MANHOLE").orElseThrow());
        view.grid.setValue(reference.grid("S01C01G01").orElseThrow());
        view.description.setValue(description);

        tooBig(view.upload, "现场.jpg");
        assertThat(view.refusedPhotos.isVisible()).isTrue();
        assertThat(view.refusedPhotos.getElement().getTextRecursively())
                .contains("现场.jpg 未能上传:照片不能超过 10.0 MB");
        view.submit.click();
        assertThat(reportsWith(description)).as("not sent without the photo").isZero();
        assertThat(view.description.getValue()).as("the form is kept").isEqualTo(description);
        _get(ReportView.class);

        _get(view.refusedPhotos, Button.class).click();
        assertThat(view.refusedPhotos.isVisible()).isFalse();
        view.submit.click();
        assertThat(reportsWith(description)).as("sent once the official let the photo go").isEqualTo(1);
    }

    @Test
    void theDescriptionSaysHowManyCharactersAreLeftAndIsNotCut() {
        KaribuUi.signIn(ctx, "wangwei");
        UI.getCurrent().navigate(ReportView.class);
        ReportView view = _get(ReportView.class);
        assertThat(view.description.getHelperText()).isEqualTo("还可输入 " + ReportService.MAX_DESCRIPTION + " 字");
        view.description.setValue("井".repeat(ReportService.MAX_DESCRIPTION - 10));
        assertThat(view.description.getHelperText()).isEqualTo("还可输入 10 字");
        view.description.setValue("井".repeat(ReportService.MAX_DESCRIPTION + 3));
        assertThat(view.description.getHelperText()).isEqualTo("已超出 3 字,请删减");
        assertThat(view.description.getMaxLength()).as("the browser does not cut it silently").isNotEqualTo(ReportService.MAX_DESCRIPTION);
    }

    @Test
    void aTaskFormIsNotSentWhileAChosenPhotoWasRefused() {
        CaseRecord c = loop.reportByGridWorker("ROAD_DAMAGE");
        loop.complete(c.id(), TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER"));
        loop.complete(c.id(), TASK_DISPATCH, "zhangmin", Map.of("department", "roads", "coDepartments", List.of()));

        KaribuUi.signIn(ctx, "sunli");
        UI.getCurrent().navigate(TaskView.class, new RouteParameters("taskId", loop.task(c.id(), TASK_HANDLE).taskId()));
        Upload after = _get(Upload.class, s -> s.withId(uploadId()));
        tooBig(after, "修复后.jpg");
        _get(Button.class, s -> s.withId("submit-task")).click();
        assertThat(loop.caseFile(c.id()).status()).as("still at handling").isEqualTo(CaseStatus.HANDLING);
        assertThat(_find(RefusedUploads.class)).anySatisfy(r -> assertThat(r.getElement().getTextRecursively())
                .contains("修复后.jpg 未能上传:照片不能超过 10.0 MB"));
        _get(TaskView.class);
    }

    /** The id of the handling form's after-photos picker, as Modeler gave it. */
    private static String uploadId() {
        return _find(Upload.class).stream().map(u -> u.getId().orElse("")).filter(id -> !id.isEmpty()).findFirst().orElseThrow();
    }
}
