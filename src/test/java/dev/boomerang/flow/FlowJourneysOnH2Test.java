package dev.boomerang.flow;

import java.util.UUID;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The journeys contract on H2, the embedded default. */
@ActiveProfiles("test")
class FlowJourneysOnH2Test extends FlowJourneysContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        String name = "flows-" + UUID.randomUUID();
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        outbox(registry, name);
    }
}
