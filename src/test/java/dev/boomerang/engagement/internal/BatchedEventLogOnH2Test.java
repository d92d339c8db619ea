package dev.boomerang.engagement.internal;

import java.util.UUID;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The event log's contract on H2, the embedded default, in a database of its own. */
@ActiveProfiles("test")
class BatchedEventLogOnH2Test extends BatchedEventLogContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String name = "events-" + UUID.randomUUID();
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    }
}
