package dev.boomerang.template.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boomerang.template.LinkRewriter;
import dev.boomerang.template.MessageModel;
import dev.boomerang.template.RenderedMessage;
import dev.boomerang.template.TemplateChannel;
import dev.boomerang.template.TemplateException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Customer data is data: template code or markup in a customer's name comes out as the literal text, escaped
 * in HTML, and is never run. And template names cannot reach outside the templates folder.
 */
class TemplateSafetyTest {

    static final Path PWNED = Path.of("/tmp/pwned");

    final ThymeleafMessageTemplates templates = TemplateFixtures.templates(ExampleTemplatesTest.TEMPLATES);
    final SampleModels samples = TemplateFixtures.samples(ExampleTemplatesTest.TEMPLATES);

    @BeforeEach
    void noMarker() throws Exception {
        Files.deleteIfExists(PWNED);
    }

    static MessageModel named(MessageModel model, String firstName) {
        MessageModel.Customer c = model.customer();
        MessageModel.Customer hostile = new MessageModel.Customer(c.id(), c.externalId(), firstName, firstName,
                firstName + " " + firstName, c.email(), c.phone(), c.locale(), c.timeZone(), c.birthday(), c.orderCount(),
                c.totalSpent(), c.attributes());
        return new MessageModel(model.locale(), hostile, model.cart(), model.lastOrder(), model.recommendations(),
                model.discount(), model.links(), model.campaign(), model.store());
    }

    @ParameterizedTest
    @ValueSource(strings = { "__${T(java.lang.Runtime).getRuntime().exec('touch /tmp/pwned')}__", "[[${7*7}]]",
        "[(${7*7})]", "<img src=x onerror=alert(1)>", "#{subject}", "~{_layouts/parts.html :: greeting}" })
    void aFirstNameThatIsCodeOrMarkupRendersLiterallyAndEscaped(String name) {
        MessageModel model = named(samples.full("en"), name);
        String escaped = org.springframework.web.util.HtmlUtils.htmlEscape(name);

        RenderedMessage.Email email = templates.email("cart-reminder", model, LinkRewriter.NONE);
        RenderedMessage.Sms sms = templates.sms("cart-reminder", model, LinkRewriter.NONE);
        RenderedMessage.Email derived = templates.email("thank-you", model, LinkRewriter.NONE); // text read off the HTML

        assertThat(email.subject()).startsWith(name + ", your cart");
        assertThat(email.html()).contains("<title>" + escaped + ", your cart").contains("Hi " + escaped + ",");
        assertThat(email.text()).contains("Hi " + name + ",");
        assertThat(sms.body()).startsWith("Bean & Leaf: " + name + ", your cart");
        assertThat(derived.text()).contains("Hi " + name + ",");
        if (!escaped.equals(name)) {
            assertThat(email.html()).doesNotContain(name);
        }
        for (String output : new String[] { email.subject(), email.html(), email.text(), sms.body(), derived.text() }) {
            assertThat(output).doesNotContain("49").doesNotContain("Your cart is waiting for you, your cart");
        }
        assertThat(PWNED).as("the expression in the name was run").doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = { "../cart-reminder", "..", "_layouts", "cart-reminder/../birthday", "/etc/passwd",
        "Cart-Reminder", "cart reminder", "%2e%2e", "" })
    void aTemplateNameCannotBeAPath(String name) {
        assertThatThrownBy(() -> templates.template(name)).isInstanceOf(TemplateException.class)
            .hasMessageContaining("is not a template name");
        assertThatThrownBy(() -> templates.render(name, TemplateChannel.EMAIL, samples.full("en"), LinkRewriter.NONE))
            .isInstanceOf(TemplateException.class);
    }

    @Test
    void aFragmentOutsideTheTemplatesFolderIsRefused(@TempDir Path dir) throws Exception {
        Path root = Files.createDirectories(dir.resolve("templates"));
        Files.writeString(dir.resolve("secret.html"), "<p th:fragment=\"x\">secret</p>");
        Files.createDirectories(root.resolve("sneaky"));
        Files.writeString(root.resolve("sneaky/email.html"), """
                <html xmlns:th="http://www.thymeleaf.org"><head><title>Hi</title></head>
                <body><p th:replace="~{../secret.html :: x}"></p></body></html>
                """);

        assertThat(TemplateFixtures.problems(TemplateFixtures.properties(root)))
            .anySatisfy(problem -> assertThat(problem).contains("lies outside the templates folder"));
    }
}
