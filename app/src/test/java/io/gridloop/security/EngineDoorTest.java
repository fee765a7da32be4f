package io.gridloop.security;

import static io.gridloop.process.CaseLoop.TASK_REGISTER;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.TimelineEntry;
import io.gridloop.inbox.InboxService;
import io.gridloop.inbox.InboxTask;
import io.gridloop.support.LoopDriver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The process owner's engine doors (/engine-rest, as Cockpit and Tasklist call it): a case-loop task moves only
 * through GridLoop's inbox, so completing, claiming, assigning or changing its variables there is refused and leaves
 * the case as it was; operations on the whole instance (Cockpit's) stay allowed and land on the case's timeline.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(LoopDriver.class)
class EngineDoorTest {

    @LocalServerPort
    int port;
    @Autowired
    LoopDriver loop;
    @Autowired
    InboxService inbox;
    @Autowired
    io.gridloop.inbox.InboxPages pages;
    @Autowired
    io.gridloop.casefile.CaseTimeline caseTimeline;
    @Autowired
    RuntimeService runtime;
    @Autowired
    org.camunda.bpm.engine.ProcessEngine engine;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void thisContextsEngine() {
        // /engine-rest finds its engine in Camunda's static registry, which every test context of this JVM shares
        org.camunda.bpm.engine.ProcessEngines.registerProcessEngine(engine);
    }

    private HttpResponse<String> rest(String method, String path, String body, String language) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest" + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("owner:demo".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (language != null) {
            request.header("Accept-Language", language);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theProcessOwnerCannotMoveACaseLoopTaskPastTheInbox() throws Exception {
        CaseRecord c = loop.reportByGridWorker("MANHOLE");
        InboxTask task = loop.task(c.id(), TASK_REGISTER);
        List<TimelineEntry> timeline = caseTimeline.timeline(c.id());
        String completion = "{\"variables\": {\"registerDecision\": {\"value\": \"REGISTER\"}}}";

        HttpResponse<String> complete = rest("POST", "/task/" + task.taskId() + "/complete", completion, null);
        assertThat(complete.statusCode()).as(complete.body()).isEqualTo(403);
        assertThat(complete.body()).contains("只能在 GridLoop 待办中办理").contains("立案审核");
        HttpResponse<String> english = rest("POST", "/task/" + task.taskId() + "/complete", completion, "en");
        assertThat(english.statusCode()).isEqualTo(403);
        assertThat(english.body()).contains("is worked in GridLoop's inbox only");

        Map<String, String[]> doors = new java.util.LinkedHashMap<>();
        doors.put("submit-form", new String[] {"POST", "/task/" + task.taskId() + "/submit-form", completion});
        doors.put("resolve", new String[] {"POST", "/task/" + task.taskId() + "/resolve", completion});
        doors.put("bpmnError", new String[] {"POST", "/task/" + task.taskId() + "/bpmnError", "{\"errorCode\": \"x\"}"});
        doors.put("claim", new String[] {"POST", "/task/" + task.taskId() + "/claim", "{\"userId\": \"owner\"}"});
        doors.put("assignee", new String[] {"POST", "/task/" + task.taskId() + "/assignee", "{\"userId\": \"lina\"}"});
        doors.put("delegate", new String[] {"POST", "/task/" + task.taskId() + "/delegate", "{\"userId\": \"lina\"}"});
        doors.put("update", new String[] {"PUT", "/task/" + task.taskId(), "{\"name\": \"立案审核\", \"due\": \"2030-01-01T00:00:00.000+0800\"}"});
        doors.put("identity link", new String[] {"POST", "/task/" + task.taskId() + "/identity-links", "{\"groupId\": \"dispatcher\", \"type\": \"candidate\"}"});
        doors.put("variables", new String[] {"POST", "/task/" + task.taskId() + "/variables",
                "{\"modifications\": {\"registerDecision\": {\"value\": \"REGISTER\"}}}"});
        doors.put("local variable", new String[] {"PUT", "/task/" + task.taskId() + "/localVariables/note", "{\"value\": \"x\"}"});
        doors.put("variable", new String[] {"PUT", "/task/" + task.taskId() + "/variables/caseId", "{\"value\": 1}"});
        for (var door : doors.entrySet()) {
            HttpResponse<String> r = rest(door.getValue()[0], door.getValue()[1], door.getValue()[2], null);
            assertThat(r.statusCode()).as(door.getKey() + ": " + r.body()).isEqualTo(403);
        }

        InboxTask after = pages.find(task.taskId()).orElseThrow();
        assertThat(after.assignee()).as("nobody claimed or assigned").isNull();
        assertThat(after.dueAt()).isEqualTo(task.dueAt());
        assertThat(engine.getTaskService().getVariablesLocal(task.taskId())).isEmpty();
        assertThat(runtime.getVariable(c.processInstanceId(), "registerDecision")).isNull();
        assertThat(loop.caseFile(c.id()).currentStep()).isEqualTo("REGISTER");
        assertThat(caseTimeline.timeline(c.id())).as("nothing on the timeline").hasSameSizeAs(timeline);

        // the inbox's own door still works
        loop.complete(c.id(), TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER"));
        assertThat(loop.caseFile(c.id()).currentStep()).isEqualTo("DISPATCH");
    }

    @Test
    void cockpitsOperationsOnTheInstanceStayAllowedAndLandOnTheTimeline() throws Exception {
        CaseRecord c = loop.reportByGridWorker("MANHOLE");
        String oldTask = loop.task(c.id(), TASK_REGISTER).taskId();

        // Cockpit's process instance modification: the registration step started afresh
        HttpResponse<String> modification = rest("POST", "/process-instance/" + c.processInstanceId() + "/modification", """
                {"instructions": [{"type": "cancel", "activityId": "Task_Register"},
                                  {"type": "startBeforeActivity", "activityId": "Task_Register"}],
                 "annotation": "立案审核重新开始"}""", null);
        assertThat(modification.statusCode()).as(modification.body()).isEqualTo(204);
        assertThat(pages.find(oldTask)).isEmpty();
        assertThat(loop.task(c.id(), TASK_REGISTER).taskId()).isNotEqualTo(oldTask);

        // a variable edited in Cockpit
        HttpResponse<String> variable = rest("PUT", "/process-instance/" + c.processInstanceId() + "/variables/urgencyNote",
                "{\"value\": \"市民再次来电\", \"type\": \"String\"}", null);
        assertThat(variable.statusCode()).as(variable.body()).isEqualTo(204);

        List<TimelineEntry> byCockpit = caseTimeline.timeline(c.id()).stream().filter(e -> e.action().equals("COCKPIT")).toList();
        assertThat(byCockpit).extracting(TimelineEntry::actor, TimelineEntry::step, TimelineEntry::decision)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("owner", "REGISTER", "ModifyProcessInstance"),
                        org.assertj.core.groups.Tuple.tuple("owner", "REGISTER", "SetVariable"));
        assertThat(byCockpit.get(0).comment()).isEqualTo("立案审核重新开始");
        assertThat(byCockpit.get(1).details()).as("what was changed").isEqualTo("urgencyNote: 市民再次来电");
        assertThat(io.gridloop.ui.Translations.translate("action.COCKPIT", java.util.Locale.ROOT)).isEqualTo("在 Cockpit 中修改");

        // and the case goes on through the inbox
        loop.complete(c.id(), TASK_REGISTER, "lina", Map.of("registerDecision", "REGISTER"));
        assertThat(loop.caseFile(c.id()).currentStep()).isEqualTo("DISPATCH");
    }
    @Test
    void suspensionJobRetriesAndCancellationInCockpitAreOnTheTimelineToo() throws Exception {
        CaseRecord c = loop.reportByGridWorker("MANHOLE");
        String pi = c.processInstanceId();
        assertThat(rest("PUT", "/process-instance/" + pi + "/suspended", "{\"suspended\": true}", null).statusCode()).isEqualTo(204);
        assertThat(rest("PUT", "/process-instance/" + pi + "/suspended", "{\"suspended\": false}", null).statusCode()).isEqualTo(204);
        String job = engine.getManagementService().createJobQuery().processInstanceId(pi).activityId("Timer_RegisterWarning")
                .singleResult().getId();
        assertThat(rest("PUT", "/job/" + job + "/retries", "{\"retries\": 5}", null).statusCode()).isEqualTo(204);
        HttpResponse<String> cancel = rest("DELETE", "/process-instance/" + pi, null, null);
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(204);

        assertThat(caseTimeline.timeline(c.id()).stream().filter(e -> e.action().equals("COCKPIT")).toList())
                .extracting(TimelineEntry::actor, TimelineEntry::step, TimelineEntry::decision)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("owner", "REGISTER", "Suspend"),
                        org.assertj.core.groups.Tuple.tuple("owner", "REGISTER", "Activate"),
                        org.assertj.core.groups.Tuple.tuple("owner", "REGISTER", "SetJobRetries"),
                        org.assertj.core.groups.Tuple.tuple("owner", "COCKPIT", "Delete"));
    }
}
