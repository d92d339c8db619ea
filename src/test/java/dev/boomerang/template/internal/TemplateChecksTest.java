package dev.boomerang.template.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The startup check finds what would go wrong with real customers, and says in which file and on which line. */
class TemplateChecksTest {

    @TempDir
    Path root;

    @BeforeEach
    void sharedLayouts() throws IOException {
        // the shipped layouts and texts, so a test template can use them
        Path layouts = Files.createDirectories(root.resolve("_layouts"));
        try (var files = Files.list(ExampleTemplatesTest.TEMPLATES.resolve("_layouts"))) {
            for (Path file : files.toList()) {
                Files.copy(file, layouts.resolve(file.getFileName()));
            }
        }
    }

    void write(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    List<String> problems() {
        return TemplateFixtures.problems(TemplateFixtures.properties(root));
    }

    @Test
    void anUnknownPropertyIsReportedWithItsFileAndLine() throws IOException {
        write("broken/email.html", """
                <!DOCTYPE html>
                <html xmlns:th="http://www.thymeleaf.org">
                <head><title>Hello</title></head>
                <body>
                <p>Dear customer,</p>
                <p th:text="${customer.nmae}">name</p>
                </body>
                </html>
                """);

        assertThat(problems()).singleElement().asString()
            .contains(root.resolve("broken/email.html") + " line 6")
            .contains("nmae")
            .contains("language en");
    }

    @Test
    void malformedMarkupIsReportedWithItsLine() throws IOException {
        write("broken/sms.txt", "Hi [[${customer.firstName]]\n");

        assertThat(problems()).singleElement().asString().contains(root.resolve("broken/sms.txt") + " line 1");
    }

    @Test
    void aMissingMessageIsReportedForItsLanguage() throws IOException {
        write("half/sms.txt", "[(#{hello})] [(${store.url})]");
        write("half/messages.properties", "hello=Hello\n");
        write("half/messages_pl.properties", "other=Inne\n");

        // Polish falls back to the default language's text: nothing missing
        assertThat(problems()).isEmpty();
        write("half/sms.txt", "[(#{hello})] [(#{nowhere})]");
        assertThat(TemplateFixtures.problems(TemplateFixtures.properties(root))).isNotEmpty()
            .allSatisfy(p -> assertThat(p).contains("message 'nowhere' is in no messages file"));
    }

    @Test
    void customerDataPrintedUnescapedIntoHtmlIsRefused() throws IOException {
        write("careless/email.html", """
                <html xmlns:th="http://www.thymeleaf.org"><head><title>Hi</title></head>
                <body><p th:utext="${customer.firstName}">name</p></body></html>
                """);

        assertThat(problems()).isNotEmpty().allSatisfy(p -> assertThat(p).contains("printed into the HTML unescaped"));
    }

    @Test
    void textTemplatesThatEscapeHtmlAreRefused() throws IOException {
        write("escaping/sms.txt", "Hi [[${customer.firstName}]]");

        assertThat(problems()).isNotEmpty().allSatisfy(p -> assertThat(p).contains("print with [(...)]"));
    }

    @Test
    void aTemplateThatNeedsAPartItDoesNotDeclareIsFoundWithTheSparseCustomer() throws IOException {
        write("needy/sms.txt", "Your cart: [(${cart.url})]");

        assertThat(problems()).isNotEmpty().allSatisfy(p -> assertThat(p)
            .contains("customer without name, no cart, order, discount or recommendations").contains("cart"));
        write("needy/template.yml", "requires: [cart]\n");
        assertThat(problems()).isEmpty();
    }

    @Test
    void anSmsLongerThanTheLimitIsRefused() throws IOException {
        write("long/sms.txt", "Zażółć gęślą jaźń. ".repeat(8));

        assertThat(TemplateFixtures.problems(TemplateFixtures.properties(root, 2))).isNotEmpty()
            .allSatisfy(p -> assertThat(p).contains("segments").contains("UCS_2").contains("limit of 2"));
        assertThat(TemplateFixtures.problems(TemplateFixtures.properties(root, 4))).isEmpty();
    }

    @Test
    void mistakesInTemplateYmlAreReportedWithTheirLine() throws IOException {
        write("meta/sms.txt", "Hi");
        write("meta/template.yml", "description: ok\nrequire: [cart]\nrequires: [basket]\n");

        assertThat(problems()).containsExactly(
                root.resolve("meta/template.yml") + " line 2: unknown key 'require' (known: description, requires, sms-opt-out)",
                root.resolve("meta/template.yml") + " line 3: requires lists cart, last-order, discount, recommendations; not 'basket'");
    }

    @Test
    void folderNamesMustBeTemplateNames() throws IOException {
        write("Black Friday/sms.txt", "Hi");

        assertThat(problems()).anySatisfy(p -> assertThat(p).contains("Black Friday")
            .contains("lower-case letters, digits and dashes"));
    }
}
