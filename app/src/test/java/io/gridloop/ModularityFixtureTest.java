package io.gridloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.Violations;

/**
 * The check ModularityTest runs on GridLoop can fail: the same verification over two small fixture trees under
 * src/test, identical but for one class, passes where a module uses another's API and fails where it reaches into the
 * other's {@code internal} package.
 */
class ModularityFixtureTest {

    /** The fixtures are test classes, which the default import leaves out. */
    private static ApplicationModules modulesOf(Class<?> root) {
        return ApplicationModules.of(root, location -> true);
    }

    @Test
    void usingAnotherModulesApiPasses() {
        ApplicationModules modules = modulesOf(fixture.modularity.clean.FixtureApplication.class);
        assertThat(modules.stream().map(m -> m.getName())).containsExactlyInAnyOrder("orders", "billing");
        assertThatCode(modules::verify).doesNotThrowAnyException();
    }

    @Test
    void reachingIntoAnotherModulesInternalsFails() {
        ApplicationModules modules = modulesOf(fixture.modularity.reaching.FixtureApplication.class);
        assertThatThrownBy(modules::verify).isInstanceOf(Violations.class)
                .hasMessageContaining("fixture.modularity.reaching.billing.Billing")
                .hasMessageContaining("fixture.modularity.reaching.orders.internal.OrderRules");
    }
}
