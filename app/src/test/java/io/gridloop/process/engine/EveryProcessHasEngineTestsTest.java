package io.gridloop.process.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;

/** A process added to processes/ fails here until it has its engine-only path tests beside the others. */
class EveryProcessHasEngineTestsTest {

    private static final Map<String, Class<?>> TESTS = Map.of(
            "caseLoop", CaseLoopEngineTest.class,
            "supervisionOrder", SupervisionOrderEngineTest.class);

    @Test
    void everyDeployedProcessHasItsEngineOnlyTests() {
        Set<String> deployed = new TreeSet<>();
        for (ProcessDefinition d : EngineOnly.engine().getRepositoryService().createProcessDefinitionQuery().latestVersion().list()) {
            deployed.add(d.getKey());
        }
        assertThat(deployed).as("processes in processes/*.bpmn").isEqualTo(new TreeSet<>(TESTS.keySet()));
    }
}
