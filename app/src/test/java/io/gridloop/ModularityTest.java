package io.gridloop;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The feature packages are modules: no cycles, no reaching into another module's internals. */
class ModularityTest {

    private final ApplicationModules modules = ApplicationModules.of(GridLoopApplication.class);

    @Test
    void featureModulesKeepTheirBoundaries() {
        modules.verify();
    }
}
