package dev.boomerang.campaign;

import java.util.UUID;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The campaign run contract on H2, the embedded default, with small odd chunks and windows (PostgreSQL runs it with
 * the defaults): the decider waits for the sending about a hundred times a run, and a window of 5 sends two batches
 * of 2 at once.
 */
@ActiveProfiles("test")
class CampaignRunsOnH2Test extends CampaignRunContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        String name = "runs-" + UUID.randomUUID();
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        providers(registry, name);
        registry.add("boomerang.delivery.chunk", () -> "97");
        registry.add("boomerang.delivery.window", () -> "5");
    }
}
