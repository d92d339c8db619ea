package dev.boomerang.engagement.internal;

import java.util.UUID;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The tracking contract on H2, the embedded default. */
@ActiveProfiles("test")
class TrackingOnH2Test extends TrackingContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        String name = "tracking-" + UUID.randomUUID();
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        providers(registry, name);
    }
}
