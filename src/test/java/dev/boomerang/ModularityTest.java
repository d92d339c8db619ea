package dev.boomerang;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The module boundaries of DESIGN.md section 2 hold: modules use each other's API packages only, no cycles. */
class ModularityTest {

    @Test
    void modulesRespectTheirBoundaries() {
        ApplicationModules.of(BoomerangApplication.class).verify();
    }
}
