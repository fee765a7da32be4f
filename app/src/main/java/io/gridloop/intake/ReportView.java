package io.gridloop.intake;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;
import io.gridloop.ui.ComponentTexts;
import io.gridloop.casefile.CaseLabels;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.Channel;
import io.gridloop.casefile.Urgency;
import io.gridloop.grid.Category;
import io.gridloop.grid.GridMap;
import io.gridloop.grid.Labels;
import io.gridloop.grid.ReferenceData;
import io.gridloop.security.CurrentOfficial;
import io.gridloop.security.Official;
import io.gridloop.security.Roles;
import io.gridloop.ui.MainLayout;
import io.gridloop.ui.Toasts;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The report page of grid workers and intake operators: category, place, description, photos, urgency. */
@Route(value = "report", layout = MainLayout.class)
@Menu(title = "nav.report", order = 2, icon = "PLUS_CIRCLE")
@RolesAllowed({Roles.GRID_WORKER, Roles.INTAKE})
public class ReportView extends VerticalLayout implements HasDynamicTitle {

    private final ReportService reports;
    private final Official official;

    final ComboBox<Category> subcategory = new ComboBox<>();
    final ComboBox<io.gridloop.grid.GridCell> grid = new ComboBox<>();
    final NumberField longitude = new NumberField();
    final NumberField latitude = new NumberField();
    final TextField address = new TextField();
    final TextArea description = new TextArea();
    final RadioButtonGroup<Urgency> urgency = new RadioButtonGroup<>();
    final RadioButtonGroup<Channel> channel = new RadioButtonGroup<>();
    final Checkbox selfResolved = new Checkbox();
    final TextField reporterName = new TextField();
    final TextField reporterPhone = new TextField();
    final EmailField reporterEmail = new EmailField();
    final List<Report.Photo> photos = new ArrayList<>();
    final Upload upload;
    final io.gridloop.ui.RefusedFiles refusedPhotos;
    final Button submit = new Button();
    final GridMap map;

    public ReportView(ReportService reports, ReferenceData reference, CaseLabels labels, CurrentOfficial current) {
        this.reports = reports;
        this.official = current.require();
        boolean gridWorker = official.isIn(Roles.GRID_WORKER);

        List<Category> subs = new ArrayList<>();
        reference.categories().forEach(c -> subs.addAll(c.subcategories()));
        subcategory.setLabel(getTranslation("report.category"));
        subcategory.setItems(subs);
        subcategory.setItemLabelGenerator(s -> labels.categoryPath(s.parentCode(), s.code(), getLocale()));
        subcategory.setRequired(true);
        subcategory.setId("subcategory");
        grid.setLabel(getTranslation("report.grid"));
        grid.setItems(List.copyOf(reference.grids()));
        grid.setItemLabelGenerator(g -> labels.street(g.streetCode(), getLocale()) + " · " + Labels.pick(getLocale(), g.name(), g.nameEn()));
        grid.setHelperText(getTranslation("report.locateHint"));
        grid.setClearButtonVisible(true);
        grid.setId("grid");
        longitude.setLabel(getTranslation("report.longitude"));
        longitude.setId("longitude");
        latitude.setLabel(getTranslation("report.latitude"));
        latitude.setId("latitude");
        map = new GridMap(reference);
        // a click on the map fills the point and picks its grid, which the official can still change
        map.onPick((lng, lat, located) -> {
            longitude.setValue(Math.round(lng * 1e6) / 1e6);
            latitude.setValue(Math.round(lat * 1e6) / 1e6);
            grid.setValue(located.orElse(null));
            longitude.setInvalid(located.isEmpty());
            longitude.setErrorMessage(located.isEmpty() ? getTranslation("error.report.outsideGrids") : null);
        });
        address.setLabel(getTranslation("report.address"));
        address.setMaxLength(ReportService.MAX_ADDRESS);
        description.setLabel(getTranslation("report.description"));
        description.setRequired(true);
        // no silent cut at the limit: the official sees what is left, and the service says so if it is exceeded
        description.setValueChangeMode(com.vaadin.flow.data.value.ValueChangeMode.LAZY);
        description.addValueChangeListener(e -> describeLeft());
        describeLeft();
        description.setMinHeight("8em");
        description.setId("description");
        urgency.setLabel(getTranslation("report.urgency"));
        urgency.setItems(Urgency.values());
        urgency.setItemLabelGenerator(u -> getTranslation("urgency." + u.name()));
        urgency.setValue(Urgency.NORMAL);
        channel.setLabel(getTranslation("report.channel"));
        // the channels the official's role may report through, as the service decides them
        List<Channel> channels = reports.channelsOf(official.userId());
        channel.setItems(channels);
        channel.setItemLabelGenerator(c -> getTranslation("channel." + c.name()));
        channel.setValue(channels.isEmpty() ? null : channels.get(0));
        selfResolved.setLabel(getTranslation("report.selfResolved"));
        selfResolved.setVisible(gridWorker);
        selfResolved.setId("self-resolved");
        reporterName.setLabel(getTranslation("report.reporterName"));
        reporterName.setMaxLength(ReportService.MAX_REPORTER_NAME);
        reporterPhone.setLabel(getTranslation("report.reporterPhone"));
        reporterPhone.setMaxLength(ReportService.MAX_REPORTER_PHONE);
        reporterEmail.setLabel(getTranslation("report.reporterEmail"));
        reporterEmail.setMaxLength(ReportService.MAX_REPORTER_EMAIL);
        upload = new Upload(UploadHandler.inMemory((meta, bytes) -> photos.add(new Report.Photo(meta.fileName(), bytes))));
        upload.setAcceptedFileTypes("image/*");
        upload.setMaxFiles(ReportService.MAX_PHOTOS);
        upload.addFileRemovedListener(e -> photos.removeIf(p -> p.fileName().equals(e.getFileName())));
        upload.setId("photos");
        ComponentTexts.upload(upload);
        refusedPhotos = new io.gridloop.ui.RefusedFiles(upload, reports.maxPhotoBytes());

        FormLayout form = new FormLayout();
        form.add(subcategory, 2);
        form.add(grid, 2);
        form.add(map, 2);
        form.add(longitude, latitude);
        form.add(address, 2);
        form.add(description, 2);
        form.add(urgency, channel);
        form.add(selfResolved, 2);
        if (!gridWorker) {
            form.add(reporterName, reporterPhone);
            form.add(reporterEmail, 2);
        }
        form.add(new Span(getTranslation("report.photos")), 2);
        form.add(upload, 2);
        form.add(refusedPhotos, 2);
        form.setMaxWidth("900px");

        submit.setText(getTranslation("report.submit"));
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.setId("submit-report");
        submit.addClickListener(e -> submit());
        add(new H2(getTranslation("report.title")), form, submit);
    }

    void submit() {
        if (!refusedPhotos.isClear()) {
            Toasts.error(getTranslation("upload.refused.notSent") + ":" + refusedPhotos.message());
            return;
        }
        Report report = new Report(channel.getValue(), urgency.getValue(),
                subcategory.getValue() == null ? null : subcategory.getValue().parentCode(),
                subcategory.getValue() == null ? null : subcategory.getValue().code(),
                grid.getValue() == null ? null : grid.getValue().code(), longitude.getValue(), latitude.getValue(), address.getValue(),
                description.getValue(), reporterName.getValue(), reporterPhone.getValue(), reporterEmail.getValue(),
                selfResolved.getValue(), List.copyOf(photos));
        CaseRecord c;
        try {
            c = reports.report(report, official.userId());
        } catch (ReportRefusedException e) {
            showProblems(e.problems());
            return;
        }
        Toasts.success(getTranslation("report.done", c.caseNumber(), c.trackingCode()));
        UI.getCurrent().navigate("case/" + c.caseNumber());
    }

    private void describeLeft() {
        int left = ReportService.descriptionLeft(description.getValue());
        description.setHelperText(left >= 0 ? getTranslation("report.description.left", left)
                : getTranslation("report.description.over", -left));
    }

    private void showProblems(List<ReportRefusedException.Problem> problems) {
        Map<String, String> byField = new HashMap<>();
        problems.forEach(p -> byField.merge(p.field(), getTranslation(p.messageKey(), p.args()), (a, b) -> a + ";" + b));
        mark(subcategory, byField.get("subcategory"));
        mark(grid, byField.get("location"));
        mark(description, byField.get("description"));
        mark(address, byField.get("address"));
        mark(reporterName, byField.get("reporterName"));
        mark(reporterPhone, byField.get("reporterPhone"));
        mark(reporterEmail, byField.get("reporterEmail"));
        mark(channel, byField.get("channel"));
        Toasts.error(String.join(";", byField.values()));
    }

    private static void mark(com.vaadin.flow.component.HasValidation field, String message) {
        field.setErrorMessage(message);
        field.setInvalid(message != null);
    }

    @Override
    public String getPageTitle() {
        return ComponentTexts.pageTitle("title.report");
    }
}
