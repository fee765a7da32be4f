package io.gridloop.inbox;

import io.gridloop.casefile.Attachments;
import io.gridloop.casefile.CaseFileService;
import io.gridloop.casefile.CaseRuleException;
import io.gridloop.casefile.CaseTimeline;
import io.gridloop.process.CaseVariables;
import io.gridloop.casefile.NewAttachment;
import io.gridloop.process.Step;
import io.gridloop.forms.FormField;
import io.gridloop.forms.FormSchema;
import io.gridloop.forms.FormSchemas;
import io.gridloop.forms.FormValidator;
import io.gridloop.grid.Department;
import io.gridloop.grid.ReferenceData;
import io.gridloop.security.AccessScopes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The officials' work on their inboxes' tasks: claim, unclaim, hand over and complete, through the engine (the pages
 * they read are {@link InboxPages}'s). A completion checks the form on the server, writes the timeline and completes the
 * task in one transaction.
 */
@Service
public class InboxService {

    private final InboxPages pages;
    private final TaskService tasks;
    private final FormService forms;
    private final IdentityService identity;
    private final CaseFileService cases;
    private final CaseTimeline timeline;
    private final ReferenceData reference;
    private final FormValidator validator;
    private final Attachments photoCheck;
    private final AccessScopes scopes;
    private final io.gridloop.security.ActingOfficial acting;

    public InboxService(InboxPages pages, TaskService tasks, FormService forms, IdentityService identity, CaseFileService cases,
                        CaseTimeline timeline,
                        ReferenceData reference, FormValidator validator, AccessScopes scopes,
                        io.gridloop.security.ActingOfficial acting, Attachments photoCheck) {
        this.pages = pages;
        // the one door through which the case loop's tasks move: the engine refuses every other (EngineTaskGuard)
        this.tasks = io.gridloop.security.EngineTaskGuard.inboxDoor(tasks);
        this.forms = forms;
        this.identity = identity;
        this.cases = cases;
        this.timeline = timeline;
        this.reference = reference;
        this.validator = validator;
        this.photoCheck = photoCheck;
        this.scopes = scopes;
        this.acting = acting;
    }

    /** The largest photo a task's form accepts, in bytes: its upload refuses a larger one before it is sent. */
    public long maxPhotoBytes() {
        return photoCheck.maxBytes();
    }

    // ---- actions

    @Transactional
    public void claim(String taskId, String user, Collection<String> groups) {
        InboxTask t = mayWork(taskId, user, groups);
        if (t.assignee() != null) {
            if (!t.assignee().equals(user)) {
                throw new InboxException("error.task.claimedByOther", t.assignee());
            }
            return;
        }
        try {
            tasks.claim(taskId, user);
        } catch (OptimisticLockingException e) {
            // a colleague claimed (or completed) it in the same instant: say who has it, if anyone still does
            var now = tasks.createTaskQuery().taskId(taskId).singleResult();
            throw now == null ? new InboxException("error.task.gone") : new InboxException("error.task.claimedByOther", now.getAssignee());
        } catch (ProcessEngineException e) {
            throw translate(e);
        }
    }

    @Transactional
    public void unclaim(String taskId, String user) {
        InboxTask t = pages.find(taskId).orElseThrow(() -> new InboxException("error.task.gone"));
        if (!user.equals(t.assignee())) {
            throw new InboxException("error.task.notYours");
        }
        tasks.setAssignee(taskId, null);
    }

    /** Hands a task to a named colleague who may work it (a member of the task's group). */
    @Transactional
    public void handOver(String taskId, String user, Collection<String> groups, String colleague) {
        InboxTask t = mayWork(taskId, user, groups);
        if (t.assignee() != null && !t.assignee().equals(user)) {
            throw new InboxException("error.task.claimedByOther", t.assignee());
        }
        if (colleague == null || identity.createUserQuery().userId(colleague).count() == 0) {
            throw new InboxException("error.task.colleagueUnknown", colleague);
        }
        if (t.candidateGroup() != null && !scopes.ofUser(colleague).mayWorkTask(t.candidateGroup(), t.streetCode(), t.gridCode())) {
            throw new InboxException("error.task.colleagueNotInGroup", colleague);
        }
        tasks.setAssignee(taskId, colleague);
    }

    /** The colleagues a task can be handed to: the members of its group who may work it (a grid worker of its grid …). */
    @Transactional(readOnly = true)
    public List<String> colleagues(String taskId) {
        return pages.find(taskId).filter(t -> t.candidateGroup() != null)
                .map(t -> identity.createUserQuery().memberOfGroup(t.candidateGroup()).orderByUserId().asc().list().stream()
                        .map(u -> u.getId())
                        .filter(u -> scopes.ofUser(u).mayWorkTask(t.candidateGroup(), t.streetCode(), t.gridCode()))
                        .toList())
                .orElse(List.of());
    }

    @Transactional(readOnly = true)
    public TaskWork open(String taskId, String user, Collection<String> groups) {
        InboxTask t = mayWork(taskId, user, groups);
        Map<String, Object> data = data(taskId);
        return new TaskWork(t, cases.get(t.caseId()), form(taskId), data, returned(t, data));
    }

    /**
     * For a dispatch: the lead department's return it answers, when the case came back since it was last dispatched
     * (the reason is the handler's, as the handle form submitted it).
     */
    private TaskWork.Returned returned(InboxTask t, Map<String, Object> data) {
        if (!io.gridloop.process.CaseLoop.TASK_DISPATCH.equals(t.taskKey())) {
            return null;
        }
        TaskWork.Returned last = null;
        for (io.gridloop.casefile.TimelineEntry e : timeline.timeline(t.caseId())) {
            if (Step.HANDLE.name().equals(e.step()) && "RETURN".equals(e.decision())) {
                Object reason = data.get(CaseVariables.RETURN_REASON);
                last = new TaskWork.Returned(e.actor(), e.at(), reason == null ? null : reason.toString());
            } else if (Step.DISPATCH.name().equals(e.step()) && "COMPLETED".equals(e.action())) {
                last = null;
            }
        }
        return last;
    }

    /**
     * Completes a task with a form submission. Checks the form, the photos and that the task is still the user's to do;
     * then writes the timeline entry and completes the task, all or nothing.
     */
    @Transactional
    public void complete(String taskId, String user, Collection<String> groups, Submission submission) {
        InboxTask t = mayWork(taskId, user, groups);
        if (t.assignee() != null && !t.assignee().equals(user)) {
            throw new InboxException("error.task.claimedByOther", t.assignee());
        }
        FormSchema form = form(taskId);
        FormValidator.Result result = validator.validate(form, submission.values(), data(taskId), submission.fileCounts());
        if (!result.isValid()) {
            throw new FormInvalidException(result.errors());
        }
        List<NewAttachment> attachments = new ArrayList<>();
        for (String key : result.fileCounts().keySet()) {
            for (Submission.UploadedFile f : submission.files().getOrDefault(key, List.of())) {
                try {
                    attachments.add(photoCheck.photo(key, f.fileName(), f.content()));
                } catch (CaseRuleException e) {
                    throw new FormInvalidException(List.of(new FormValidator.FieldError(key, e.messageKey(), e.args())));
                }
            }
        }
        Map<String, Object> variables = new LinkedHashMap<>(result.values());
        Object comment = variables.remove(CaseVariables.COMMENT);
        String decision = form.allFields().stream().filter(FormField::isDecision).map(f -> result.values().get(f.key()))
                .filter(v -> v != null).map(Object::toString).findFirst().orElse(null);
        String step = Step.ofTask(t.taskKey()).map(Enum::name).orElse(t.taskKey());
        timeline.addTimeline(t.caseId(), user, step, io.gridloop.casefile.TimelineAction.COMPLETED, decision, comment == null ? null : comment.toString(),
                details(form, variables), attachments);
        try {
            // no claim first: the timeline names who did it, and a claim would be one more write and event per step
            // as the official: delegates that apply their scope (a duplicate's merge) read it from the engine
            acting.run(user, groups, () -> tasks.complete(taskId, variables));
        } catch (ProcessEngineException e) {
            throw translate(e);
        } catch (NullPointerException e) {
            // no type to map: Camunda 7.24 read the task while a colleague's completion was committing and found its
            // execution half gone; the transaction rolls back and the official is told, not shown a stack trace
            throw goneOr(taskId, e);
        }
    }

    /**
     * The values of the other fields, for the timeline: "key: value" lines, by the field's key and the value as
     * submitted, so the case page names them in its reader's language (CaseLabels.details, the bundles' form.* keys).
     */
    private static String details(FormSchema form, Map<String, Object> values) {
        String s = form.allFields().stream().filter(f -> f.hasKey() && values.containsKey(f.key()) && !f.isDecision())
                .filter(f -> values.get(f.key()) != null && !values.get(f.key()).toString().isBlank())
                .map(f -> f.key() + ": " + values.get(f.key()))
                .collect(Collectors.joining("\n"));
        return s.isEmpty() ? null : s.length() > 4000 ? s.substring(0, 4000) : s;
    }

    private InboxTask mayWork(String taskId, String user, Collection<String> groups) {
        InboxTask t = pages.find(taskId).orElseThrow(() -> new InboxException("error.task.gone"));
        boolean mine = user.equals(t.assignee());
        boolean group = scopes.of(user, groups).mayWorkTask(t.candidateGroup(), t.streetCode(), t.gridCode());
        if (!mine && !group) {
            throw new InboxException("error.task.notYours");
        }
        return t;
    }

    private FormSchema form(String taskId) {
        try (InputStream in = forms.getDeployedTaskForm(taskId)) {
            return FormSchemas.parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ProcessEngineException | NullPointerException e) {
            // a task a colleague completed a moment ago: Camunda 7.24's form command then fails with an NPE of its own
            // (findTaskById gives null), so whether the task is still there decides what the official is told
            RuntimeException gone = goneOr(taskId, e);
            throw gone == e && e instanceof ProcessEngineException ? new InboxException("error.task.noForm") : gone;
        }
    }

    /** "Already done" when the task is gone by now (a colleague's completion committed), else the failure as it is. */
    private RuntimeException goneOr(String taskId, RuntimeException e) {
        return tasks.createTaskQuery().taskId(taskId).count() == 0 ? new InboxException("error.task.gone") : e;
    }

    /** The task's variables, plus the option lists the forms read through valuesKey. */
    private Map<String, Object> data(String taskId) {
        Map<String, Object> data;
        try {
            data = new HashMap<>(tasks.getVariables(taskId));
        } catch (ProcessEngineException e) {
            throw translate(e);
        }
        List<Map<String, Object>> departments = new ArrayList<>();
        for (Department d : reference.departments()) {
            departments.add(d.nameEn() == null ? Map.of("label", d.name(), "value", d.code())
                    : Map.of("label", d.name(), "labelEn", d.nameEn(), "value", d.code()));
        }
        data.put(CaseVariables.DEPARTMENTS_OPTIONS, departments);
        return data;
    }

    /**
     * The engine's refusals by their type (never by their wording, which changes between versions): a colleague was
     * quicker (the task or its execution is gone, or changed under us) is 409 "already done"; a claim lost to a colleague
     * is 409 "claimed"; any other refusal of the request is 422. The transaction rolls back in every case.
     */
    private static RuntimeException translate(ProcessEngineException e) {
        if (e instanceof OptimisticLockingException || e instanceof NullValueException || e instanceof NotFoundException) {
            return new InboxException("error.task.gone");
        }
        if (e instanceof TaskAlreadyClaimedException claimed) {
            return new InboxException("error.task.claimedByOther", claimed.getTaskAssignee());
        }
        if (e instanceof BadUserRequestException) {
            return new InboxException("error.task.refused");
        }
        return e;
    }
}
