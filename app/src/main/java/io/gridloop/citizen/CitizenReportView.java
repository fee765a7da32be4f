package io.gridloop.citizen;

import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.server.streams.UploadHandler;
import io.gridloop.casefile.CaseLabels;
import io.gridloop.grid.Category;
import io.gridloop.grid.Community;
import io.gridloop.grid.GridCell;
import io.gridloop.grid.GridMap;
import io.gridloop.grid.Labels;
import io.gridloop.grid.ReferenceData;
import io.gridloop.intake.Report;
import io.gridloop.intake.ReportRefusedException;
import io.gridloop.intake.ReportService;
import io.gridloop.ui.ComponentTexts;
import io.gridloop.ui.LanguageSwitch;
import io.gridloop.ui.RefusedUploads;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * 随手拍: a citizen reports a problem from the phone without signing in. What the problem is (the most reported first,
 * with a search box), where (a tap on the map, the phone's location, or an address in words with its community), a
 * description, photos, an optional name and phone or e-mail, and the human check; the receipt is the tracking code.
 * Every rule is {@link CitizenReports}' and intake's; this page shows and marks.
 */
@Route("citizen")
@AnonymousAllowed
public class CitizenReportView extends VerticalLayout implements HasDynamicTitle {

    private final CitizenReports reports;
    final ComboBox<Category> subcategory = new ComboBox<>();
    final GridMap map;
    final Button useLocation = new Button();
    final Span place = new Span();
    final ComboBox<Community> community = new ComboBox<>();
    final TextField address = new TextField();
    final TextArea description = new TextArea();
    final List<Report.Photo> photos = new ArrayList<>();
    final Upload upload;
    final RefusedUploads refusedPhotos;
    final TextField name = new TextField();
    final TextField phone = new TextField();
    final EmailField email = new EmailField();
    final Image checkImage = new Image();
    final TextField checkAnswer = new TextField();
    final Button newCheck = new Button();
    final Button submit = new Button();
    final Paragraph error = new Paragraph();
    final Div form = new Div();
    final Div receipt = new Div();
    Double longitude;
    Double latitude;
    String checkToken;

    public CitizenReportView(CitizenReports reports, ReferenceData reference, CaseLabels labels) {
        this.reports = reports;
        UI.getCurrent().getPage().addStyleSheet("/styles/gridloop.css");
        addClassName("gl-citizen");
        setPadding(true);
        setMaxWidth("640px");

        Button language = new Button(getTranslation("nav.language"), e -> LanguageSwitch.toggle(UI.getCurrent()));
        language.setId("language");
        language.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout header = new HorizontalLayout(new H2(getTranslation("citizen.title")), language);
        header.setWidthFull();
        header.setJustifyContentMode(JustifyContentMode.BETWEEN);
        header.setAlignItems(Alignment.BASELINE);

        subcategory.setLabel(getTranslation("citizen.category"));
        subcategory.setHelperText(getTranslation("citizen.category.hint"));
        subcategory.setItems(reports.subcategories());
        subcategory.setItemLabelGenerator(s -> labels.category(s.code(), getLocale()) + "(" + labels.category(s.parentCode(), getLocale()) + ")");
        subcategory.setRequired(true);
        subcategory.setWidthFull();
        subcategory.setId("citizen-category");

        map = new GridMap(reference);
        map.setHeight("260px");
        map.onPick(this::picked);
        useLocation.setText(getTranslation("citizen.useLocation"));
        useLocation.setId("use-location");
        useLocation.setWidthFull();
        useLocation.addClickListener(e -> map.getElement().executeJs("""
                const el = this, host = $0;
                if (!navigator.geolocation) { host.$server.locationFailed(); return; }
                navigator.geolocation.getCurrentPosition(p => el.$server.pick(p.coords.longitude, p.coords.latitude),
                    () => host.$server.locationFailed(), {enableHighAccuracy: true, timeout: 15000});""", getElement()));
        place.setId("citizen-place");
        place.setText(getTranslation("citizen.place.none"));
        community.setLabel(getTranslation("citizen.community"));
        community.setItems(reports.communities());
        community.setItemLabelGenerator(c -> labels.street(c.streetCode(), getLocale()) + " · " + Labels.pick(getLocale(), c.name(), c.nameEn()));
        community.setClearButtonVisible(true);
        community.setWidthFull();
        community.setId("community");
        address.setLabel(getTranslation("citizen.address"));
        address.setHelperText(getTranslation("citizen.address.hint"));
        address.setMaxLength(ReportService.MAX_ADDRESS);
        address.setWidthFull();
        address.setId("address");

        description.setLabel(getTranslation("citizen.description"));
        description.setRequired(true);
        description.setMaxLength(ReportService.MAX_DESCRIPTION);
        description.setValueChangeMode(ValueChangeMode.LAZY);
        description.setMinHeight("6em");
        description.setWidthFull();
        description.setId("description");

        upload = new Upload(UploadHandler.inMemory((meta, bytes) -> photos.add(new Report.Photo(meta.fileName(), bytes))));
        upload.setAcceptedFileTypes("image/jpeg", "image/png", "image/gif");
        upload.setMaxFiles(reports.maxPhotos());
        upload.addFileRemovedListener(e -> photos.removeIf(p -> p.fileName().equals(e.getFileName())));
        upload.setId("photos");
        upload.setWidthFull();
        ComponentTexts.upload(upload);
        refusedPhotos = new RefusedUploads(upload, reports.maxPhotoBytes());

        name.setLabel(getTranslation("citizen.name"));
        name.setMaxLength(ReportService.MAX_REPORTER_NAME);
        name.setWidthFull();
        name.setId("reporter-name");
        phone.setLabel(getTranslation("citizen.phone"));
        phone.setMaxLength(30);
        phone.setAllowedCharPattern("[0-9+()\\- ]");
        phone.getElement().setAttribute("inputmode", "tel");
        phone.setWidthFull();
        phone.setId("reporter-phone");
        email.setLabel(getTranslation("citizen.email"));
        email.setHelperText(getTranslation("citizen.email.hint"));
        email.setMaxLength(ReportService.MAX_REPORTER_EMAIL);
        email.setWidthFull();
        email.setId("reporter-email");

        checkImage.setId("check-image");
        checkImage.setAlt(getTranslation("citizen.check.image"));
        checkImage.setHeight("64px");
        checkAnswer.setLabel(getTranslation("citizen.check"));
        checkAnswer.setAllowedCharPattern("[0-9]");
        checkAnswer.setMaxLength(4);
        checkAnswer.getElement().setAttribute("inputmode", "numeric");
        checkAnswer.setId("check-answer");
        checkAnswer.setWidth("8em");
        newCheck.setText(getTranslation("citizen.check.new"));
        newCheck.setId("check-new");
        newCheck.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        newCheck.addClickListener(e -> newChallenge());
        HorizontalLayout check = new HorizontalLayout(checkImage, newCheck);
        check.setAlignItems(Alignment.CENTER);
        check.getStyle().set("flex-wrap", "wrap");
        newChallenge();

        submit.setText(getTranslation("citizen.submit"));
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_LARGE);
        submit.setWidthFull();
        submit.setId("citizen-submit");
        submit.addClickListener(e -> submit());
        error.setId("citizen-error");
        error.addClassName("gl-field-error");
        error.getElement().setAttribute("role", "alert");
        error.setVisible(false);
        receipt.setId("citizen-receipt");
        receipt.setVisible(false);

        Paragraph orAddress = new Paragraph(getTranslation("citizen.orAddress"));
        form.add(subcategory, new H3(getTranslation("citizen.where")), useLocation, map, place, orAddress, community, address,
                description, new Span(getTranslation("citizen.photos", reports.maxPhotos())), upload, refusedPhotos,
                new H3(getTranslation("citizen.contact")), name, phone, email, check, checkAnswer, error, submit);
        form.setWidthFull();
        add(header, new Paragraph(getTranslation("citizen.intro")), form, receipt);
    }

    private void picked(double lng, double lat, Optional<GridCell> grid) {
        if (grid.isPresent()) {
            longitude = Math.round(lng * 1e6) / 1e6;
            latitude = Math.round(lat * 1e6) / 1e6;
            place.setText(getTranslation("citizen.place.picked", Labels.pick(getLocale(), grid.get().name(), grid.get().nameEn())));
            place.removeClassName("gl-field-error");
        } else {
            longitude = null;
            latitude = null;
            place.setText(getTranslation("error.report.outsideGrids"));
            place.addClassName("gl-field-error");
        }
    }

    /** The phone gave no location (refused, off, or no answer): the map or the address will do. */
    @ClientCallable
    public void locationFailed() {
        place.setText(getTranslation("citizen.location.failed"));
        place.addClassName("gl-field-error");
    }

    private void newChallenge() {
        HumanCheck.Challenge c = reports.challenge();
        checkToken = c.token();
        // the token is a signature over the answer with the server's key: it tells nothing about the answer
        checkImage.getElement().setAttribute("data-check", c.token());
        checkImage.setSrc("data:image/png;base64," + Base64.getEncoder().encodeToString(c.png()));
        checkAnswer.clear();
    }

    void submit() {
        error.setVisible(false);
        List.<HasValidation>of(subcategory, community, address, description, name, phone, email, checkAnswer).forEach(f -> mark(f, null));
        if (!refusedPhotos.isClear()) {
            fail(getTranslation("upload.refused.notSent") + ":" + refusedPhotos.message());
            return;
        }
        CitizenReport r = new CitizenReport(subcategory.getValue() == null ? null : subcategory.getValue().code(), longitude,
                latitude, community.getValue() == null ? null : community.getValue().code(), address.getValue(),
                description.getValue(), List.copyOf(photos), name.getValue(), phone.getValue(), email.getValue(), checkToken,
                checkAnswer.getValue());
        CitizenReports.Receipt done;
        try {
            done = reports.submit(r, client());
        } catch (CitizenRefusedException e) {
            // the answer was used up with this try: a new sum, and the message stays on its field
            newChallenge();
            if (e.messageKey().contains(".check.")) {
                mark(checkAnswer, getTranslation(e.messageKey(), e.args()));
            }
            fail(getTranslation(e.messageKey(), e.args()));
            return;
        } catch (ReportRefusedException e) {
            Map<String, String> byField = new HashMap<>();
            e.problems().forEach(p -> byField.merge(p.field(), getTranslation(p.messageKey(), p.args()), (a, b) -> a + ";" + b));
            mark(subcategory, byField.get("subcategory"));
            mark(address, byField.get("address") != null ? byField.get("address") : byField.get("location"));
            mark(description, byField.get("description"));
            mark(name, byField.get("reporterName"));
            mark(phone, byField.get("reporterPhone"));
            mark(email, byField.get("reporterEmail"));
            fail(String.join(";", byField.values()));
            // the check's answer was used up with this try
            newChallenge();
            return;
        }
        form.setVisible(false);
        receipt.removeAll();
        Span code = new Span(done.trackingCode());
        code.setId("receipt-code");
        code.addClassName("gl-receipt-code");
        // joined an open case: the citizen's own code follows that case (its tracking page shows that case's progress);
        // the open case's own code stays its reporter's, since it also carries that case's rating
        Anchor follow = new Anchor("track/" + done.trackingCode(), done.alreadyHandled()
                .map(open -> getTranslation("citizen.receipt.joined.follow", open)).orElse(getTranslation("citizen.receipt.follow")));
        follow.setId("receipt-track");
        follow.addClassName("gl-receipt-link");
        Paragraph text = new Paragraph(done.alreadyHandled().map(open -> getTranslation("citizen.receipt.joined.text", open))
                .orElse(getTranslation("citizen.receipt.text", done.caseNumber())));
        text.setId("receipt-text");
        receipt.add(new H3(getTranslation(done.alreadyHandled().isPresent() ? "citizen.receipt.joined.title" : "citizen.receipt.title")),
                text, code, new Paragraph(getTranslation("citizen.receipt.keep")), follow);
        receipt.setVisible(true);
    }

    private void fail(String message) {
        error.setText(message);
        error.setVisible(true);
    }

    /** The address the request came from; behind the proxy its forwarded address (server.forward-headers-strategy). */
    private static String client() {
        VaadinRequest request = VaadinRequest.getCurrent();
        String addr = request == null ? null : request.getRemoteAddr();
        return addr == null ? "unknown" : addr;
    }

    private static void mark(HasValidation field, String message) {
        field.setErrorMessage(message);
        field.setInvalid(message != null);
    }

    @Override
    public String getPageTitle() {
        return ComponentTexts.pageTitle("title.citizen");
    }
}
