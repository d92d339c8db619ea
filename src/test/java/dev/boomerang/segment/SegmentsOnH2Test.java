package dev.boomerang.segment;

import java.util.UUID;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The segment contract on H2, the embedded default. */
@ActiveProfiles("test")
class SegmentsOnH2Test extends SegmentContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String name = "segments-" + UUID.randomUUID();
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        registry.add("spring.quartz.properties.org.quartz.scheduler.instanceName", () -> name);
    }
}
