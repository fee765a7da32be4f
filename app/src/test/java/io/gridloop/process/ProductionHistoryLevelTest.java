package io.gridloop.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridloop.support.GridLoopTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yaml.snakeyaml.Yaml;

/**
 * Tests run the engine at production's history level. Production's is application.yml's (`none`: GridLoop's timeline,
 * step facts and case file are the history officials read); no profile, deployment file or test configuration may
 * set another, or the tests would pass on history production never writes.
 */
@GridLoopTest
class ProductionHistoryLevelTest {

    @Autowired
    ProcessEngine engine;

    @SuppressWarnings("unchecked")
    static String productionLevel() throws IOException {
        Map<String, Object> yml = new Yaml().load(Files.readString(Path.of("src/main/resources/application.yml")));
        Map<String, Object> bpm = (Map<String, Object>) ((Map<String, Object>) yml.get("camunda")).get("bpm");
        return String.valueOf(bpm.get("history-level"));
    }

    @Test
    void theTestEngineKeepsTheHistoryProductionKeeps() throws IOException {
        assertThat(productionLevel()).isEqualTo("none");
        assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getHistoryLevel().getName())
                .isEqualTo(productionLevel());
    }

    @Test
    void nothingElseSetsAHistoryLevel() throws IOException {
        try (Stream<Path> files = Stream.of(Path.of("src/main/resources"), Path.of("src/test/resources"), Path.of("../config/deploy"))
                .flatMap(ProductionHistoryLevelTest::walk)) {
            var others = files.filter(Files::isRegularFile)
                    .filter(p -> !p.equals(Path.of("src/main/resources/application.yml")))
                    .filter(p -> p.toString().matches(".*\\.(ya?ml|properties|json|conf|sql|env)$"))
                    .filter(p -> setsHistory(p)).toList();
            assertThat(others).as("files that set another history level").isEmpty();
        }
        assertThat(setsHistory(Path.of("../docker-compose.yml"))).as("docker-compose.yml sets a history level").isFalse();
        assertThat(setsHistory(Path.of("Dockerfile"))).as("app/Dockerfile sets a history level").isFalse();
    }

    private static Stream<Path> walk(Path dir) {
        try {
            return Files.walk(dir).toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean setsHistory(Path p) {
        try {
            String s = Files.exists(p) ? Files.readString(p) : "";
            return s.matches("(?is).*(history-level|history_level|historyLevel|camunda\\.bpm\\.history|\"history\"\\s*:).*");
        } catch (IOException e) {
            return false;
        }
    }
}
