package io.gridloop.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridloop.casefile.CaseRecord;
import io.gridloop.support.LoopDriver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * A process owner deploys a changed model from Camunda Modeler (its deploy call: a multipart POST to
 * /engine-rest/deployment/create with Basic credentials); new cases run on it, running cases keep their version, and
 * nobody else may deploy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(LoopDriver.class)
class ModelerDeploymentTest {

    @LocalServerPort
    int port;
    @Autowired
    LoopDriver loop;
    @Autowired
    RepositoryService repository;
    @Autowired
    TaskService tasks;

    @Autowired
    org.camunda.bpm.engine.ProcessEngine engine;

    @org.junit.jupiter.api.BeforeEach
    void thisContextsEngine() {
        // /engine-rest finds its engine in Camunda's static registry, which every test context of this JVM shares
        org.camunda.bpm.engine.ProcessEngines.registerProcessEngine(engine);
    }

    private HttpStatusCode deploy(String credentials, byte[] bpmn) {
        LinkedMultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        body.add("deployment-name", "caseLoop");
        body.add("deployment-source", "Camunda Modeler");
        body.add("deploy-changed-only", "true");
        body.add("caseLoop.bpmn", new ByteArrayResource(bpmn) {
            @Override
            public String getFilename() {
                return "caseLoop.bpmn";
            }
        });
        RestClient.RequestBodySpec request = RestClient.create().post().uri("http://localhost:" + port + "/engine-rest/deployment/create")
                .contentType(MediaType.MULTIPART_FORM_DATA);
        if (credentials != null) {
            request = request.header(HttpHeaders.AUTHORIZATION,
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return request.body(body).exchange((req, res) -> res.getStatusCode());
    }

    @Test
    void processOwnerDeploysAChangedModelAndTheNextCaseRunsOnIt() throws Exception {
        CaseRecord before = loop.reportByGridWorker("MANHOLE");
        ProcessDefinition old = repository.getProcessDefinition(
                tasks.createTaskQuery().processInstanceId(before.processInstanceId()).singleResult().getProcessDefinitionId());

        String model = Files.readString(Path.of("../processes/caseLoop.bpmn"));
        byte[] changed = model.replace("name=\"立案审核\"", "name=\"立案审核(新版)\"").getBytes(StandardCharsets.UTF_8);
        assertThat(new String(changed, StandardCharsets.UTF_8)).contains("立案审核(新版)");

        assertThat(deploy(null, changed).value()).as("anonymous").isEqualTo(401);
        assertThat(deploy("wangwei:demo", changed).value()).as("a grid worker").isEqualTo(403);
        assertThat(deploy("owner:demo", changed).value()).as("the process owner").isEqualTo(200);
        // (a wrong password also delays that user's next sign-in: Camunda's login throttling)
        assertThat(deploy("zhangmin:wrong", changed).value()).as("wrong password").isEqualTo(401);

        ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(CaseLoop.PROCESS_ID)
                .latestVersion().singleResult();
        assertThat(latest.getVersion()).isGreaterThan(old.getVersion());

        CaseRecord after = loop.reportByGridWorker("MANHOLE");
        var newTask = tasks.createTaskQuery().processInstanceId(after.processInstanceId()).singleResult();
        assertThat(newTask.getProcessDefinitionId()).isEqualTo(latest.getId());
        assertThat(newTask.getName()).isEqualTo("立案审核(新版)");
        var oldTask = tasks.createTaskQuery().processInstanceId(before.processInstanceId()).singleResult();
        assertThat(oldTask.getProcessDefinitionId()).isEqualTo(old.getId());
        assertThat(oldTask.getName()).isEqualTo("立案审核");
    }
}
