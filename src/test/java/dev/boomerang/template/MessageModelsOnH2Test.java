package dev.boomerang.template;

import java.util.UUID;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Message models on H2, the embedded default. */
@ActiveProfiles("test")
class MessageModelsOnH2Test extends MessageModelsContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String name = "models-" + UUID.randomUUID();
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        registry.add("spring.quartz.properties.org.quartz.scheduler.instanceName", () -> name);
    }
}
