package io.gridloop.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridloop.security.AccessScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A department's group is whatever the reference data names (Department.groupId): nothing spells it from the code. */
class DepartmentGroupTest {

    @Test
    void noModelNorJavaSourceSpellsADepartmentGroupFromItsCode() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Stream.concat(Files.walk(Path.of("src/main/java")), Files.walk(Path.of("../processes")))) {
            files = s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".bpmn")).toList();
        }
        assertThat(files).hasSizeGreaterThan(100);
        for (Path p : files) {
            assertThat(Files.readString(p)).as(p.toString()).doesNotContain("dept-");
        }
    }

    @Test
    void anOfficialsDepartmentsComeFromTheGroupsTheReferenceDataNames() {
        // a group named nothing like its department's code
        AccessScope scope = AccessScope.of("u", List.of("waterworks-team", "dept-roads"), Set.of(),
                g -> g.equals("waterworks-team") ? Optional.of("water") : Optional.empty());
        assertThat(scope.departments()).containsExactly("water");
        assertThat(scope.seesCase("S09", "G", "water", null, "x")).isTrue();
        assertThat(scope.seesCase("S09", "G", "roads", null, "x")).isFalse();
    }
}
