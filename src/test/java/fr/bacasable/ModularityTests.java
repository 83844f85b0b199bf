package fr.bacasable;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Modules talk only through each other's public API: no reach into another module's {@code internal} package, no cycle. */
class ModularityTests {

    @Test
    void modulesRespectTheirBoundaries() {
        ApplicationModules.of(BacASableApp.class).verify();
    }
}
