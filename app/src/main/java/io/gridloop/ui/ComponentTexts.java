package io.gridloop.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.timepicker.TimePicker;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadI18N;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The texts of Vaadin's own components (Upload, the date pickers, the app layout's toggle, grids' screen-reader
 * labels) and every page's title, in the official's language. Views call these instead of keeping their own copy, so
 * that no English from the component library reaches a Chinese page.
 */
public final class ComponentTexts {

    private ComponentTexts() {}

    /** The language of the current UI: Chinese unless the official chose English. */
    public static Locale locale() {
        UI ui = UI.getCurrent();
        return ui == null || ui.getLocale() == null ? Translations.CHINESE : ui.getLocale();
    }

    private static String t(String key, Object... args) {
        return Translations.translate(key, locale(), args);
    }

    private static List<String> list(String key) {
        return Arrays.stream(t(key).split(",")).map(String::strip).toList();
    }

    /** "待办任务 · GridLoop": what the browser tab and the history list show. */
    public static String pageTitle(String key, Object... args) {
        return t(key, args) + " · GridLoop";
    }

    public static <U extends Upload> U upload(U upload) {
        UploadI18N i18n = new UploadI18N()
                .setAddFiles(new UploadI18N.AddFiles().setOne(t("vaadin.upload.addOne")).setMany(t("vaadin.upload.addMany")))
                .setDropFiles(new UploadI18N.DropFiles().setOne(t("vaadin.upload.dropOne")).setMany(t("vaadin.upload.dropMany")))
                .setError(new UploadI18N.Error().setTooManyFiles(t("vaadin.upload.tooMany"))
                        .setFileIsTooBig(t("vaadin.upload.tooBig")).setIncorrectFileType(t("vaadin.upload.wrongType")))
                .setUploading(new UploadI18N.Uploading()
                        .setStatus(new UploadI18N.Uploading.Status().setConnecting(t("vaadin.upload.connecting"))
                                .setStalled(t("vaadin.upload.stalled")).setProcessing(t("vaadin.upload.processing"))
                                .setHeld(t("vaadin.upload.held")))
                        .setRemainingTime(new UploadI18N.Uploading.RemainingTime().setPrefix(t("vaadin.upload.remaining"))
                                .setUnknown(t("vaadin.upload.remainingUnknown")))
                        .setError(new UploadI18N.Uploading.Error().setServerUnavailable(t("vaadin.upload.serverUnavailable"))
                                .setUnexpectedServerError(t("vaadin.upload.serverError")).setForbidden(t("vaadin.upload.forbidden"))))
                .setFile(new UploadI18N.File().setRetry(t("vaadin.upload.retry")).setStart(t("vaadin.upload.start"))
                        .setRemove(t("vaadin.upload.remove")))
                .setUnits(List.of("B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"));
        upload.setI18n(i18n);
        return upload;
    }

    /** Month and weekday names, weeks starting on Monday as in China, "今天" and "取消", dates as yyyy-MM-dd. */
    public static DatePicker.DatePickerI18n datePickerI18n() {
        return new DatePicker.DatePickerI18n()
                .setMonthNames(list("vaadin.date.months"))
                .setWeekdays(list("vaadin.date.weekdays"))
                .setWeekdaysShort(list("vaadin.date.weekdaysShort"))
                .setFirstDayOfWeek(1)
                .setToday(t("vaadin.date.today"))
                .setCancel(t("vaadin.date.cancel"))
                .setDateFormat("yyyy-MM-dd")
                .setBadInputErrorMessage(t("vaadin.date.badInput"))
                .setMinErrorMessage(t("vaadin.date.tooEarly"))
                .setMaxErrorMessage(t("vaadin.date.tooLate"));
    }

    public static <D extends DatePicker> D datePicker(D picker) {
        picker.setLocale(locale());
        picker.setI18n(datePickerI18n());
        return picker;
    }

    public static <D extends DateTimePicker> D dateTimePicker(D picker) {
        picker.setLocale(locale());
        picker.setDatePickerI18n(datePickerI18n());
        picker.setI18n(new DateTimePicker.DateTimePickerI18n().setDateLabel(t("vaadin.dateTime.date"))
                .setTimeLabel(t("vaadin.dateTime.time")).setBadInputErrorMessage(t("vaadin.date.badInput"))
                .setIncompleteInputErrorMessage(t("vaadin.dateTime.incomplete"))
                .setMinErrorMessage(t("vaadin.date.tooEarly")).setMaxErrorMessage(t("vaadin.date.tooLate")));
        return picker;
    }

    public static <T extends TimePicker> T timePicker(T picker) {
        picker.setLocale(locale());
        picker.setI18n(new TimePicker.TimePickerI18n().setBadInputErrorMessage(t("vaadin.time.badInput"))
                .setMinErrorMessage(t("vaadin.date.tooEarly")).setMaxErrorMessage(t("vaadin.date.tooLate")));
        return picker;
    }

    /** The app layout's drawer and its toggle button, as screen readers announce them. */
    public static void appLayout(AppLayout layout, DrawerToggle toggle) {
        layout.setI18n(new AppLayout.AppLayoutI18n().setDrawer(t("vaadin.appLayout.drawer")));
        toggle.setAriaLabel(t("vaadin.appLayout.toggle"));
        toggle.setTooltipText(t("vaadin.appLayout.toggle"));
    }

    /**
     * A grid's name for screen readers, and the names of its selection checkboxes ("Select Row", "Select All" in the web
     * component, which Flow 24.9 does not expose): kept on the grid as attributes and given to the checkboxes by a small
     * script whenever the grid is attached (the selection column's renderers wrapped, so recycled rows keep the name).
     * The script runs with the response that draws the grid, before its first rows are drawn, so the rows are drawn once
     * and already named (waiting for the next frame drew the selection column a second time).
     */
    public static <G extends Grid<?>> G grid(G grid, String titleKey) {
        grid.setAriaLabel(t(titleKey));
        grid.getElement().setAttribute(SELECT_ROW_ATTRIBUTE, t("vaadin.grid.selectRow"));
        grid.getElement().setAttribute(SELECT_ALL_ATTRIBUTE, t("vaadin.grid.selectAll"));
        grid.addAttachListener(e -> grid.getElement().executeJs(NAME_SELECTION_CHECKBOXES));
        return grid;
    }

    public static final String SELECT_ROW_ATTRIBUTE = "data-gl-select-row";
    public static final String SELECT_ALL_ATTRIBUTE = "data-gl-select-all";
    private static final String NAME_SELECTION_CHECKBOXES = """
            const grid = this;
            const install = () => {
              const col = grid.querySelector('vaadin-grid-flow-selection-column');
              if (!col || col.__glNamed) return;
              col.__glNamed = true;
              const name = (root, attr) => { const box = root.firstElementChild; if (box) box.accessibleName = grid.getAttribute(attr); };
              const row = col._defaultRenderer, head = col._defaultHeaderRenderer;
              col.renderer = (root, c, model) => { row.call(col, root, c, model); name(root, '%s'); };
              col.headerRenderer = (root, c) => { head.call(col, root, c); name(root, '%s'); };
            };
            // defined already in production mode (the pre-compiled bundle): at once, before the grid's rows are drawn
            if (customElements.get('vaadin-grid-flow-selection-column')) install();
            else customElements.whenDefined('vaadin-grid-flow-selection-column').then(() => requestAnimationFrame(install));""".formatted(SELECT_ROW_ATTRIBUTE, SELECT_ALL_ATTRIBUTE);
}
