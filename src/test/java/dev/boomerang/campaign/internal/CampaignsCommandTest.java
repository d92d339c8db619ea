package dev.boomerang.campaign.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boomerang.BoomerangApplication;
import dev.boomerang.support.CommandLines.Run;
import dev.boomerang.support.CommandLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.NestedExceptionUtils;

/**
 * {@code campaigns validate} exits 0 with counts for good definitions and 1 with every mistake for bad ones; the
 * server refuses to start with a bad definition and says why.
 */
class CampaignsCommandTest {

    @TempDir
    Path dir;

    /** Spring options ({@code --boomerang.…}) go before the command, everything else after it. */
    Run campaigns(String... args) {
        List<String> options = Stream.of(args).filter(a -> a.startsWith("--boomerang.")).toList();
        List<String> command = new ArrayList<>(List.of("campaigns"));
        Stream.of(args).filter(a -> !a.startsWith("--boomerang.")).forEach(command::add);
        return CommandLines.run(options, command.toArray(String[]::new));
    }

    void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    @Test
    void theShippedExamplesValidate() {
        Run run = campaigns("--boomerang.campaign.directory=config/campaigns", "validate");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("big-spenders-thank-you  email  manual  Thank our big spenders",
                "winback-monthly  email  0 0 10 1 * ? Europe/Warsaw  Win back lapsed regulars",
                "abandoned-cart  flow  cart-abandoned, 3 steps  Abandoned cart",
                "birthday  flow  birthday, 2 steps  Happy birthday",
                "post-purchase  flow  order-placed, 3 steps  After an order",
                "winback  flow  enters-segment, 3 steps  Win back regulars",
                "OK: 2 campaigns and 4 flows in config/campaigns, all valid (1 scheduled, 1 manual)");
    }

    @Test
    void planPrintsTheNextFireTimesAndWhatARunWouldDoWithoutSendingAnything() {
        Run run = campaigns("--boomerang.campaign.directory=config/campaigns", "plan", "winback-monthly", "--as-of",
                "2026-06-15T10:00:00Z");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("campaign winback-monthly", "next fire times: [", "as of 2026-06-15T10:00:00Z: audience 0",
                "  holdout: 0", "would send now: 0");
        Run unknown = campaigns("--boomerang.campaign.directory=config/campaigns", "plan", "winback-montly");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("did you mean 'winback-monthly'?");
        Run flow = campaigns("--boomerang.campaign.directory=config/campaigns", "plan", "abandoned-cart");
        assertThat(flow.exitCode()).isEqualTo(1);
        assertThat(flow.err()).contains("'abandoned-cart' is a flow; flows have no plan");
    }

    @Test
    void validateListsEveryMistakeOfEveryFileAndExitsOne() throws IOException {
        write("a.yml", "segment: lapsed-regulars\nchannel: email\ntemplate: thank-you\nholdout: 70%\n");
        write("b.yml", "segment: lapsed-regular\nchannel: sms\ntemplate: thank-you\nrate-limit: 0/s\n");
        write("c.yml", "trigger: { order-placed: {} }\nsteps: [ { send: { channel: email, template: thank-you } } ]\nexit-when: cart-emptied\n");
        Run run = campaigns("validate", "--dir", dir.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("5 mistakes in campaign definitions (" + dir + "):",
                "  " + dir.resolve("c.yml") + ":3:12: exit 'cart-emptied' does not fit the trigger order-placed; cart-emptied goes with cart-abandoned",
                "  " + dir.resolve("a.yml") + ":4:10: holdout: 70% is more than 50%",
                "  " + dir.resolve("b.yml") + ":1:10: unknown segment 'lapsed-regular'; did you mean 'lapsed-regulars'?",
                "  " + dir.resolve("b.yml") + ":3:11: template 'thank-you' has no sms part",
                "  " + dir.resolve("b.yml") + ":4:13: rate-limit: '0/s' is not a positive number of messages per second");
        assertThat(run.out()).doesNotContain("OK:");
    }

    @Test
    void aFolderWithGoodDefinitionsCountsThem() throws IOException {
        write("thanks.yml", "segment: big-spenders-90d\nchannel: email\ntemplate: thank-you\n");
        write("after.yml", "trigger: { order-placed: { delay: 1d } }\nsteps:\n  - send: { channel: email, template: thank-you }\n");
        Run run = campaigns("validate", "--dir", dir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("after  flow  order-placed, 1 steps  after",
                "OK: 1 campaigns and 1 flows in " + dir + ", all valid (0 scheduled, 1 manual)");
        Run missing = campaigns("validate", "--dir", dir.resolve("nowhere").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains(dir.resolve("nowhere") + ": no such folder");
    }

    @Test
    void theServerRefusesToStartWithABadDefinitionAndSaysWhy() throws IOException {
        write("a.yml", "segment: lapsed-regulars\nchannel: email\ntemplate: thank-yuo\n");
        write("b.yml", "segment: { rule: { orders: { at-least: lots } } }\nchannel: email\ntemplate: thank-you\n");
        write("c.yml", "trigger: { cart-abandoned: { idle-for: 1h } }\nsteps:\n  - wait: 1h\n");
        SpringApplicationBuilder server = new SpringApplicationBuilder(BoomerangApplication.class).profiles("test");
        // as arguments, which override config/application.yml (default properties would not)
        String[] args = { "--spring.datasource.url=jdbc:h2:mem:refused-" + UUID.randomUUID(), "--boomerang.campaign.directory=" + dir,
            "--server.port=0", "--spring.quartz.properties.org.quartz.scheduler.instanceName=refused-campaigns" };
        assertThatThrownBy(() -> server.run(args)).satisfies(ex -> {
            Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
            assertThat(cause).isInstanceOf(InvalidCampaignsException.class);
            FailureAnalysis analysis = new InvalidCampaignsFailureAnalyzer().analyze(ex);
            assertThat(analysis.getDescription()).contains("mistakes in its campaign definitions (3)",
                    dir.resolve("c.yml") + ":3:3: the flow sends nothing",
                    dir.resolve("a.yml") + ":3:11: unknown template 'thank-yuo'; did you mean 'thank-you'?",
                    dir.resolve("b.yml") + ":1:40: at-least: 'lots' is not a whole number of orders");
            assertThat(analysis.getAction()).contains("campaigns validate");
        });
    }
}
