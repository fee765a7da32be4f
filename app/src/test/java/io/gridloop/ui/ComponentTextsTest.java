package io.gridloop.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.upload.Upload;
import io.gridloop.casefile.CaseSearchView;
import io.gridloop.inbox.InboxView;
import io.gridloop.intake.ReportView;
import io.gridloop.support.GridLoopTest;
import io.gridloop.support.KaribuUi;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Vaadin's own components and the page titles speak the official's language: Chinese by default, English when chosen. */
@GridLoopTest
class ComponentTextsTest {

    @Autowired
    ApplicationContext ctx;

    @AfterEach
    void signOut() {
        KaribuUi.signOut();
    }

    @Test
    void uploadDatePickerToggleAndTitlesInChinese() {
        KaribuUi.signIn(ctx, "wangwei");
        UI.getCurrent().navigate(ReportView.class);
        Upload upload = _get(Upload.class);
        assertThat(upload.getI18n().getAddFiles().getMany()).isEqualTo("选择文件…");
        assertThat(upload.getI18n().getDropFiles().getMany()).isEqualTo("拖放文件到此处");
        assertThat(upload.getI18n().getUploading().getError().getForbidden()).isEqualTo("上传被拒绝");
        assertThat(UI.getCurrent().getInternals().getTitle()).isEqualTo("上报案件 · GridLoop");
        assertThat(_get(DrawerToggle.class).getAriaLabel()).hasValue("展开或收起导航菜单");

        UI.getCurrent().navigate(CaseSearchView.class);
        DatePicker from = _find(DatePicker.class).get(0);
        assertThat(from.getI18n().getFirstDayOfWeek()).as("weeks start on Monday").isEqualTo(1);
        assertThat(from.getI18n().getToday()).isEqualTo("今天");
        assertThat(from.getI18n().getCancel()).isEqualTo("取消");
        assertThat(from.getI18n().getMonthNames()).startsWith("一月", "二月");
        assertThat(from.getI18n().getWeekdaysShort()).startsWith("日", "一");
        assertThat(UI.getCurrent().getInternals().getTitle()).isEqualTo("案件查询 · GridLoop");

        UI.getCurrent().navigate(InboxView.class);
        assertThat(UI.getCurrent().getInternals().getTitle()).isEqualTo("待办任务 · GridLoop");
        var inboxGrid = _get(com.vaadin.flow.component.grid.Grid.class, spec -> spec.withId("inbox-grid"));
        assertThat(inboxGrid.getAriaLabel()).hasValue("待办任务列表");
        // the selection checkboxes' names for screen readers ("Select Row", "Select All" in the web component)
        assertThat(inboxGrid.getElement().getAttribute(ComponentTexts.SELECT_ROW_ATTRIBUTE)).isEqualTo("选择此行");
        assertThat(inboxGrid.getElement().getAttribute(ComponentTexts.SELECT_ALL_ATTRIBUTE)).isEqualTo("全选");
        // given to the checkboxes by a script each time the grid is attached (Karibu has run the first one already)
        var parent = inboxGrid.getElement().getParent();
        inboxGrid.getElement().removeFromParent();
        parent.appendChild(inboxGrid.getElement());
        UI.getCurrent().getInternals().getStateTree().runExecutionsBeforeClientResponse();
        assertThat(UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations()).anySatisfy(js ->
                assertThat(js.getInvocation().getExpression()).contains("vaadin-grid-flow-selection-column").contains("accessibleName"));
    }

    @Test
    void englishWhenChosen() {
        KaribuUi.signIn(ctx, "wangwei");
        UI.getCurrent().setLocale(Locale.ENGLISH);
        UI.getCurrent().navigate(ReportView.class);
        assertThat(_get(Upload.class).getI18n().getDropFiles().getMany()).isEqualTo("Drop files here");
        assertThat(UI.getCurrent().getInternals().getTitle()).isEqualTo("Report a case · GridLoop");
        UI.getCurrent().navigate(CaseSearchView.class);
        DatePicker from = _find(DatePicker.class).get(0);
        assertThat(from.getI18n().getToday()).isEqualTo("Today");
        assertThat(from.getI18n().getFirstDayOfWeek()).isEqualTo(1);
    }
}
