package dev.boomerang.engagement;

import java.util.UUID;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The attribution contract on H2, the embedded default. */
@ActiveProfiles("test")
class AttributionOnH2Test extends AttributionContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        String name = "attribution-" + UUID.randomUUID();
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        outbox(registry, name);
    }
}
