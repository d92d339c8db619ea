package dev.boomerang.engagement;

import java.util.UUID;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The provider webhooks and reports on H2, the embedded default. */
@ActiveProfiles("test")
class ProviderWebhooksOnH2Test extends ProviderWebhooksContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String name = "providers-" + UUID.randomUUID();
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        providers(registry, name);
    }
}
