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
    final io.gridloop.ui.RefusedUploads refusedPhotos;
    /** Resolved on the spot: photos of the work done, apart from those of the problem as found. */
    final List<Report.Photo> afterPhotos = new ArrayList<>();
    final Upload afterUpload;
    final io.gridloop.ui.RefusedUploads refusedAfterPhotos;
    final Span photosLabel = new Span();
    private final com.vaadin.flow.component.html.Div afterBox = new com.vaadin.flow.component.html.Div();
    final Button submit = new Button();
    final GridMap map;
    /** The hotline's own fields: the caller stays anonymous (an explicit choice), or the call was settled on the phone (即办). */
    final Checkbox callerAnonymous = new Checkbox();
    final Checkbox answeredOnCall = new Checkbox();
    final TextArea answer = new TextArea();
    /** What the operator sees before creating a case: the caller's earlier cases and the open cases near the place. */
    final com.vaadin.flow.component.html.Div callerHistory = new com.vaadin.flow.component.html.Div();
    final com.vaadin.flow.component.html.Div nearby = new com.vaadin.flow.component.html.Div();
    private final CaseLabels labels;

    public ReportView(ReportService reports, ReferenceData reference, CaseLabels labels, CurrentOfficial current) {
        this.reports = reports;
        this.labels = labels;
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
        refusedPhotos = new io.gridloop.ui.RefusedUploads(upload, reports.maxPhotoBytes());
        afterUpload = new Upload(UploadHandler.inMemory((meta, bytes) -> afterPhotos.add(new Report.Photo(meta.fileName(), bytes))));
        afterUpload.setAcceptedFileTypes("image/*");
        afterUpload.setMaxFiles(ReportService.MAX_PHOTOS);
        afterUpload.addFileRemovedListener(e -> afterPhotos.removeIf(p -> p.fileName().equals(e.getFileName())));
        afterUpload.setId("after-photos");
        ComponentTexts.upload(afterUpload);
        refusedAfterPhotos = new io.gridloop.ui.RefusedUploads(afterUpload, reports.maxPhotoBytes());
        afterBox.add(new Span(getTranslation("report.photos.after")), afterUpload, refusedAfterPhotos);
        afterBox.setId("after-photos-box");
        selfResolved.addValueChangeListener(e -> photosShown());
        photosShown();

        callerAnonymous.setLabel(getTranslation("report.callerAnonymous"));
        callerAnonymous.setId("caller-anonymous");
        answeredOnCall.setLabel(getTranslation("report.answeredOnCall"));
        answeredOnCall.setId("answered-on-call");
        answer.setLabel(getTranslation("report.answer"));
        answer.setMaxLength(ReportService.MAX_ANSWER);
        answer.setId("call-answer");
        answer.setVisible(false);
        answeredOnCall.addValueChangeListener(e -> answer.setVisible(e.getValue()));
        channel.addValueChangeListener(e -> hotlineFields());
        hotlineFields();
        callerHistory.setId("caller-history");
        nearby.setId("nearby-cases");
        reporterPhone.addValueChangeListener(e -> showCallerHistory());
        longitude.addValueChangeListener(e -> showNearby());
        latitude.addValueChangeListener(e -> showNearby());

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
            form.add(reporterEmail, callerAnonymous);
            form.add(callerHistory, 2);
            form.add(answeredOnCall, 2);
            form.add(answer, 2);
        }
        form.add(nearby, 2);
        form.add(photosLabel, 2);
        form.add(upload, 2);
        form.add(refusedPhotos, 2);
        form.add(afterBox, 2);
        form.setMaxWidth("900px");

        submit.setText(getTranslation("report.submit"));
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.setId("submit-report");
        submit.addClickListener(e -> submit());
        add(new H2(getTranslation("report.title")), form, submit);
    }

    void submit() {
        if (!refusedPhotos.isClear() || (selfResolved.getValue() && !refusedAfterPhotos.isClear())) {
            Toasts.error(getTranslation("upload.refused.notSent") + ":"
                    + (refusedPhotos.isClear() ? refusedAfterPhotos.message() : refusedPhotos.message()));
            return;
        }
        Report report = new Report(channel.getValue(), urgency.getValue(),
                subcategory.getValue() == null ? null : subcategory.getValue().parentCode(),
                subcategory.getValue() == null ? null : subcategory.getValue().code(),
                grid.getValue() == null ? null : grid.getValue().code(), longitude.getValue(), latitude.getValue(), address.getValue(),
                description.getValue(), reporterName.getValue(), reporterPhone.getValue(), reporterEmail.getValue(),
                selfResolved.getValue(), List.copyOf(photos), selfResolved.getValue() ? List.copyOf(afterPhotos) : List.of(),
                callerAnonymous.isVisible() && callerAnonymous.getValue(),
                answeredOnCall.isVisible() && answeredOnCall.getValue() ? answer.getValue() : null);
        CaseRecord c;
        try {
            c = reports.report(report, official.userId());
        } catch (ReportRefusedException e) {
            showProblems(e.problems());
            return;
        }
        Toasts.success(c.status() == io.gridloop.casefile.CaseStatus.ANSWERED_ON_CALL
                ? getTranslation("report.answered", c.caseNumber()) : getTranslation("report.done", c.caseNumber(), c.trackingCode()));
        UI.getCurrent().navigate("case/" + c.caseNumber());
    }

    /** The hotline's fields show for a hotline call only. */
    private void hotlineFields() {
        boolean hotline = channel.getValue() == Channel.HOTLINE;
        callerAnonymous.setVisible(hotline);
        answeredOnCall.setVisible(hotline);
        answer.setVisible(hotline && answeredOnCall.getValue());
    }

    /** The caller's earlier cases (by the phone's digits), as the service finds them within the official's scope. */
    void showCallerHistory() {
        callerHistory.removeAll();
        if (reporterPhone.getValue() == null || reporterPhone.getValue().isBlank()) {
            return;
        }
        List<CaseRecord> earlier = reports.callerHistory(reporterPhone.getValue(), official.userId());
        callerHistory.add(new com.vaadin.flow.component.html.H4(getTranslation("report.callerHistory", earlier.size())));
        earlier.forEach(c -> callerHistory.add(caseLine(c, null)));
    }

    /** The open cases near the point, of any kind, the nearest first. */
    void showNearby() {
        nearby.removeAll();
        if (longitude.getValue() == null || latitude.getValue() == null) {
            return;
        }
        List<io.gridloop.duplicate.Duplicate> near = reports.openCasesNear(longitude.getValue(), latitude.getValue(),
                description.getValue(), official.userId());
        nearby.add(new com.vaadin.flow.component.html.H4(getTranslation("report.nearby", near.size())));
        near.forEach(d -> nearby.add(caseLine(d.openCase(), getTranslation("duplicate.metres", Math.round(d.metres())))));
    }

    private com.vaadin.flow.component.html.Div caseLine(CaseRecord c, String extra) {
        com.vaadin.flow.component.html.Div line = new com.vaadin.flow.component.html.Div();
        line.addClassName("gl-case-line");
        line.add(new com.vaadin.flow.router.RouterLink(c.caseNumber(), io.gridloop.casefile.CaseView.class,
                new com.vaadin.flow.router.RouteParameters("caseNumber", c.caseNumber())));
        line.add(new Span(" · " + getTranslation("status." + c.status().name()) + " · "
                + labels.categoryPath(c.categoryCode(), c.subcategoryCode(), getLocale()) + " · " + labels.time(c.reportedAt())
                + (extra == null ? "" : " · " + extra) + " · " + c.description()));
        return line;
    }

    /** Resolved on the spot: the photos split into before and after; otherwise one set of photos of the problem. */
    private void photosShown() {
        boolean spot = selfResolved.getValue();
        photosLabel.setText(getTranslation(spot ? "report.photos.before" : "report.photos"));
        afterBox.setVisible(spot);
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
        mark(answer, byField.get("answer"));
        // the photos' refusals name which photos: before (the problem) or after (the work done)
        if (byField.containsKey("photos")) {
            byField.put("photos", photosLabel.getText() + ":" + byField.get("photos"));
        }
        if (byField.containsKey("afterPhotos")) {
            byField.put("afterPhotos", getTranslation("report.photos.after") + ":" + byField.get("afterPhotos"));
        }
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
