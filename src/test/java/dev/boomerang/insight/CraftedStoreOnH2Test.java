package dev.boomerang.insight;

import java.util.UUID;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** KPIs, cohorts and RFM of the crafted store on H2, the embedded default. */
@ActiveProfiles("test")
class CraftedStoreOnH2Test extends CraftedStoreContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String name = "crafted-" + UUID.randomUUID();
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        registry.add("spring.quartz.properties.org.quartz.scheduler.instanceName", () -> name);
    }
}
