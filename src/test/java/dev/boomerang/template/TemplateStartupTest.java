package dev.boomerang.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boomerang.BoomerangApplication;
import dev.boomerang.template.internal.TemplateProblemsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application does not start on broken templates, and says which file and line; it starts on good ones,
 * and on a missing folder it first writes the example templates there.
 */
class TemplateStartupTest {

    @TempDir
    Path dir;

    static ConfigurableApplicationContext start(Path templates, Map<String, Object> more) {
        String name = "startup-" + UUID.randomUUID();
        Map<String, Object> properties = new java.util.HashMap<>(Map.of(
                "spring.profiles.active", "test",
                "server.port", "0",
                "spring.datasource.url", "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1",
                "spring.quartz.properties.org.quartz.scheduler.instanceName", name,
                "boomerang.template.location", templates.toString(),
                "boomerang.channels.outbox.directory", templates.resolveSibling("outbox").toString()));
        properties.putAll(more);
        // as arguments: default properties would lose to ./config/application.yml
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(BoomerangApplication.class).run(args);
    }

    @Test
    void aBrokenTemplateStopsTheStartNamingItsFileAndLine() throws Exception {
        Path templates = Files.createDirectories(dir.resolve("templates"));
        Files.createDirectories(templates.resolve("broken"));
        Files.writeString(templates.resolve("broken/email.html"), """
                <!DOCTYPE html>
                <html xmlns:th="http://www.thymeleaf.org">
                <head><title th:text="${customer.firstName}">Hi</title></head>
                <body>
                  <p>Our news:</p>
                  <p th:text="${store.name.nope()}">store</p>
                </body>
                </html>
                """);
        Files.createDirectories(templates.resolve("fine"));
        Files.writeString(templates.resolve("fine/sms.txt"), "Hello from [(${store.name})]");

        assertThatThrownBy(() -> start(templates, Map.of()).close())
            .isInstanceOf(TemplateProblemsException.class)
            .hasMessageContaining(templates.toAbsolutePath().resolve("broken/email.html") + " line 6")
            .hasMessageContaining("nope()")
            .hasMessageNotContaining("fine/sms.txt");
    }

    @Test
    void goodTemplatesStartAndAreServed() {
        try (ConfigurableApplicationContext context = start(Path.of("templates"), Map.of())) {
            assertThat(context.getBean(MessageTemplates.class).templates()).extracting(TemplateInfo::name)
                .contains("cart-reminder", "we-miss-you", "thank-you", "birthday", "cart-sms", "winback-offer", "review-request");
        }
    }

    @Test
    void aMissingFolderGetsTheExampleTemplates() throws Exception {
        Path templates = dir.resolve("fresh/templates");
        try (ConfigurableApplicationContext context = start(templates, Map.of("boomerang.template.install-examples", "true"))) {
            assertThat(templates.resolve("cart-reminder/email.html")).exists();
            assertThat(templates.resolve("_layouts/messages_pl.properties")).exists();
            assertThat(templates.resolve("README.md")).exists();
            assertThat(context.getBean(MessageTemplates.class).templates()).hasSizeGreaterThanOrEqualTo(4);
        }
    }
}
