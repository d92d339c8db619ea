package dev.boomerang.insight;

import java.util.UUID;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The CDNOW acceptance on H2, the embedded default. */
@ActiveProfiles("test")
class CdnowModelOnH2Test extends CdnowModelContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String name = "cdnow-" + UUID.randomUUID();
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        registry.add("spring.quartz.properties.org.quartz.scheduler.instanceName", () -> name);
    }
}
