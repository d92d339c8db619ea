package dev.boomerang.template.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.boomerang.template.LinkRewriter;
import dev.boomerang.template.MessageModel;
import dev.boomerang.template.RenderedMessage;
import dev.boomerang.template.TemplateChannel;
import dev.boomerang.template.TemplateInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The templates shipped in templates/ pass the startup check in every language, and render what a customer
 * should see. The renderings are written to target/template-previews for a look in a browser.
 */
class ExampleTemplatesTest {

    static final Path TEMPLATES = Path.of("templates");

    @Test
    void theShippedTemplatesPassTheStartupCheck() {
        assertThat(TemplateFixtures.problems(TemplateFixtures.properties(TEMPLATES))).isEmpty();
    }

    @Test
    void everyShippedTemplateRendersInEnglishAndPolish() throws IOException {
        ThymeleafMessageTemplates templates = TemplateFixtures.templates(TEMPLATES);
        SampleModels samples = TemplateFixtures.samples(TEMPLATES);
        Path out = Files.createDirectories(Path.of("target", "template-previews"));
        assertThat(templates.templates()).extracting(TemplateInfo::name)
            .contains("cart-reminder", "we-miss-you", "thank-you", "birthday");
        for (TemplateInfo info : templates.templates()) {
            assertThat(info.languages()).containsExactly("en", "pl");
            for (String language : info.languages()) {
                MessageModel model = samples.full(language);
                for (TemplateChannel channel : info.channels()) {
                    RenderedMessage rendered = templates.render(info.name(), channel, model, LinkRewriter.NONE);
                    String base = info.name() + "-" + language;
                    switch (rendered) {
                        case RenderedMessage.Email email -> {
                            Files.writeString(out.resolve(base + ".html"), email.html());
                            Files.writeString(out.resolve(base + ".txt"), "Subject: " + email.subject() + "\n\n" + email.text());
                            assertThat(email.subject()).isNotBlank().doesNotContain("??");
                            assertThat(email.html()).contains(model.customer().firstName())
                                .contains("Bean &amp; Leaf").contains("12 Roastery Lane")
                                .contains("href=\"" + model.links().unsubscribe() + "\"");
                            assertThat(email.text()).contains(model.links().unsubscribe()).contains(model.customer().firstName());
                        }
                        case RenderedMessage.Sms sms -> {
                            Files.writeString(out.resolve(base + ".sms.txt"), sms.body() + "\n\n" + sms.length() + "\n");
                            assertThat(sms.segments()).isBetween(1, 2);
                        }
                    }
                }
            }
        }
    }
}
