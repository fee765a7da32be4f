package io.gridloop.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs after tier 1 and reads its process-test coverage reports: every sequence flow and flow node of the case loop
 * must have been taken by some process test.
 */
@Tag("coverage")
class ProcessCoverageTest {

    @Test
    void everySequenceFlowAndNodeOfTheCaseLoopIsCovered() throws Exception {
        var model = Bpmn.readModelFromFile(new File("../processes/caseLoop.bpmn"));
        Set<String> flows = model.getModelElementsByType(SequenceFlow.class).stream().map(SequenceFlow::getId)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> nodes = model.getModelElementsByType(FlowNode.class).stream().map(FlowNode::getId)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> taken = new TreeSet<>();
        Path reports = Path.of("target/process-test-coverage");
        assertThat(reports).as("tier 1 writes the coverage reports; run it first").isDirectory();
        try (var files = Files.walk(reports)) {
            for (Path p : files.filter(f -> f.getFileName().toString().equals("report.json")).toList()) {
                for (JsonNode event : new ObjectMapper().readTree(p.toFile()).findValues("events")) {
                    for (JsonNode e : event) {
                        if (CaseLoop.PROCESS_ID.equals(e.path("modelKey").asText())) {
                            taken.add(e.path("definitionKey").asText());
                        }
                    }
                }
            }
        }
        assertThat(flows).hasSizeGreaterThan(60);
        assertThat(taken).as("sequence flows taken").containsAll(flows);
        assertThat(taken).as("flow nodes reached").containsAll(nodes);
    }
}
