package dev.boomerang.delivery.internal;

import java.util.UUID;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The ledger's contract on H2, the embedded default, in a database of its own. */
@ActiveProfiles("test")
class LedgerOnH2Test extends LedgerContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String name = "ledger-" + UUID.randomUUID();
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    }
}
