package dev.boomerang.campaign;

import java.util.UUID;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The campaign run contract on H2, the embedded default. */
@ActiveProfiles("test")
class CampaignRunsOnH2Test extends CampaignRunContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        String name = "runs-" + UUID.randomUUID();
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        providers(registry, name);
    }
}
