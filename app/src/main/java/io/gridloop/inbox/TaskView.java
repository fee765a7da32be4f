package io.gridloop.inbox;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.gridloop.ui.ComponentTexts;
import io.gridloop.casefile.CaseDetails;
import io.gridloop.casefile.CaseTimeline;
import io.gridloop.casefile.CaseLabels;
import io.gridloop.process.Step;
import io.gridloop.forms.CamundaFormView;
import io.gridloop.forms.FormExpressions;
import io.gridloop.forms.FormValidator;
import io.gridloop.security.AccessScope;
import io.gridloop.security.AccessScopes;
import io.gridloop.security.CurrentOfficial;
import io.gridloop.security.Official;
import io.gridloop.ui.MainLayout;
import io.gridloop.ui.Toasts;
import jakarta.annotation.security.PermitAll;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One task: the step's form beside the case (description, photos, place, timeline). */
@Route(value = "task/:taskId", layout = MainLayout.class)
@PermitAll
public class TaskView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final InboxService inbox;
    private final CaseTimeline cases;
    private final CaseLabels labels;
    private final FormExpressions expressions;
    private final FormValidator validator;
    private final Official official;
    private final AccessScope scope;
    CamundaFormView form;
    final Button submit = new Button();
    private String taskId;
    private final io.gridloop.casefile.CaseTimeLeft timeLeft;
    private final io.gridloop.grid.ReferenceData reference;
    private String title = ComponentTexts.pageTitle("title.inbox");
    private String caseNumber = "";
    private String stepName = "";
    private final io.gridloop.duplicate.DuplicateSearch duplicates;

    public TaskView(InboxService inbox, CaseTimeline cases, CaseLabels labels, FormExpressions expressions,
                    FormValidator validator, CurrentOfficial current, AccessScopes scopes,
                    io.gridloop.casefile.CaseTimeLeft timeLeft, io.gridloop.grid.ReferenceData reference,
                    io.gridloop.duplicate.DuplicateSearch duplicates) {
        this.duplicates = duplicates;
        this.timeLeft = timeLeft;
        this.reference = reference;
        this.inbox = inbox;
        this.cases = cases;
        this.labels = labels;
        this.expressions = expressions;
        this.validator = validator;
        this.official = current.require();
        this.scope = scopes.of(official);
        setSizeFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        taskId = event.getRouteParameters().get("taskId").orElse("");
        removeAll();
        TaskWork work;
        try {
            work = inbox.open(taskId, official.userId(), official.groups());
        } catch (InboxException e) {
            Toasts.error(getTranslation(e.messageKey(), e.args()));
            event.forwardTo(InboxView.class);
            return;
        }
        String step = Step.ofTask(work.task().taskKey()).map(Enum::name).orElse(work.task().taskKey());
        caseNumber = work.caseRecord().caseNumber();
        stepName = getTranslation("step." + step);
        title = ComponentTexts.pageTitle("title.task", caseNumber, stepName);
        form = new CamundaFormView(work.form(), work.data(), expressions, validator, inbox.maxPhotoBytes());
        form.addClassName("gl-task-form");
        form.onSubmit(this::submit);
        submit.setText(getTranslation("task.submit"));
        submit.setId("submit-task");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.addClickListener(e -> submit());
        Button back = new Button(getTranslation("task.back"), e -> UI.getCurrent().navigate(InboxView.class));
        VerticalLayout left = new VerticalLayout(new H2(work.caseRecord().caseNumber() + " · " + getTranslation("step." + step)), form,
                new HorizontalLayout(submit, back));
        if (work.caseRecord().selfResolved() && io.gridloop.process.CaseLoop.TASK_REGISTER.equals(work.task().taskKey())) {
            // registering a case the grid worker already fixed files it: say so before the decision, not after
            com.vaadin.flow.component.html.Paragraph spot = new com.vaadin.flow.component.html.Paragraph(
                    getTranslation("case.selfResolved") + ":" + getTranslation("task.selfResolved.register"));
            spot.setId("task-self-resolved");
            spot.getElement().setAttribute("role", "note");
            spot.getStyle().set("background", "var(--lumo-success-color-10pct)").set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                    .set("border-radius", "var(--lumo-border-radius-m)").set("margin", "0");
            left.addComponentAtIndex(1, spot);
        }
        if (work.returned() != null) {
            // what the dispatcher answers, above the form (the timeline has it too, at its far end)
            left.addComponentAtIndex(1, returnedNote(work.returned()));
        }
        left.setPadding(true);
        steps(work, step, left);
        CaseDetails details = new CaseDetails(work.caseRecord(), cases, labels, getLocale(), scope, timeLeft, reference);
        // side by side on a desk, the form above the case on a phone (gridloop.css)
        com.vaadin.flow.component.html.Div split = new com.vaadin.flow.component.html.Div(left, details);
        split.addClassName("gl-task-split");
        split.setSizeFull();
        add(split);
    }

    private com.vaadin.flow.component.html.Div returnedNote(TaskWork.Returned r) {
        com.vaadin.flow.component.html.Div note = new com.vaadin.flow.component.html.Div();
        note.setId("task-returned");
        note.addClassName("gl-task-returned");
        note.getElement().setAttribute("role", "note");
        note.getStyle().set("background", "var(--lumo-warning-color-10pct, var(--lumo-contrast-5pct))")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)").set("border-radius", "var(--lumo-border-radius-m)");
        note.add(new com.vaadin.flow.component.html.Paragraph(getTranslation("task.returned.by",
                labels.person(r.by(), getLocale()), labels.time(r.at()))));
        String reason = r.reason() == null || r.reason().isBlank() ? getTranslation("task.returned.noReason") : r.reason();
        com.vaadin.flow.component.html.Paragraph why = new com.vaadin.flow.component.html.Paragraph(
                getTranslation("task.returned.reason", reason));
        why.setId("task-returned-reason");
        note.add(why);
        return note;
    }

    /**
     * What a step needs beside its form: the register step the likely duplicates (merged in one click), the callback of a
     * hotline case the number to call.
     */
    private void steps(TaskWork work, String step, VerticalLayout left) {
        if (Step.REGISTER.name().equals(step)) {
            left.add(new io.gridloop.duplicate.DuplicatePanel(work.caseRecord(), duplicates.of(work.caseRecord(), scope), cases, labels,
                    scope, reference, getLocale(), this::mergeInto));
        } else if (Step.CALLBACK.name().equals(step)) {
            io.gridloop.casefile.CallbackPanel.of(work.caseRecord()).ifPresent(panel -> left.addComponentAtIndex(1, panel));
        }
    }

    /** One click on a likely duplicate: the registration decided as a duplicate of that case, as the form would send it. */
    void mergeInto(String caseNumber) {
        complete(Submission.of(Map.of(io.gridloop.process.CaseVariables.REGISTER_DECISION, "DUPLICATE",
                io.gridloop.process.CaseVariables.DUPLICATE_OF, caseNumber)));
    }

    /**
     * Another official completed this task a moment earlier: say so where the form is, keep what this official typed
     * on screen (read-only, to copy from) and offer the inbox as it is now.
     */
    private void taskGone() {
        form.readOnly();
        submit.setEnabled(false);
        com.vaadin.flow.component.html.Div gone = new com.vaadin.flow.component.html.Div();
        gone.setId("task-gone");
        gone.addClassName("gl-task-gone");
        gone.getElement().setAttribute("role", "alert");
        gone.getStyle().set("background", "var(--lumo-error-color-10pct)").set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                .set("border-radius", "var(--lumo-border-radius-m)");
        Button inboxNow = new Button(getTranslation("task.gone.toInbox"), e -> UI.getCurrent().navigate(InboxView.class));
        inboxNow.setId("task-gone-inbox");
        inboxNow.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        gone.add(new com.vaadin.flow.component.html.Paragraph(getTranslation("task.gone.said")), inboxNow);
        form.getParent().ifPresent(parent -> ((VerticalLayout) parent).addComponentAtIndex(1, gone));
    }

    void submit() {
        List<String> refused = form.refusedFiles();
        if (!refused.isEmpty()) {
            // the official chose a file that did not arrive: sending now would drop it without a word
            Toasts.error(getTranslation("upload.refused.notSent") + ":" + String.join(";", refused));
            return;
        }
        Map<String, List<Submission.UploadedFile>> files = new LinkedHashMap<>();
        form.files().forEach((key, picked) -> files.put(key, picked.stream()
                .map(p -> new Submission.UploadedFile(p.fileName(), p.content())).toList()));
        complete(new Submission(form.values(), files));
    }

    private void complete(Submission submission) {
        try {
            inbox.complete(taskId, official.userId(), official.groups(), submission);
        } catch (FormInvalidException e) {
            List<String> rest = form.showErrors(e.errors(), err -> getTranslation(err.messageKey(), err.args()));
            Toasts.error(getTranslation("form.fixErrors") + (rest.isEmpty() ? "" : ": " + String.join(";", rest)));
            return;
        } catch (InboxException e) {
            if (e.gone()) {
                taskGone();
            } else {
                Toasts.error(getTranslation(e.messageKey(), e.args()));
            }
            return;
        } catch (io.gridloop.system.UserFacingException e) {
            Toasts.error(getTranslation(e.messageKey(), e.args()));
            return;
        }
        Toasts.success(getTranslation("task.done", caseNumber, stepName));
        UI.getCurrent().navigate(InboxView.class);
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
