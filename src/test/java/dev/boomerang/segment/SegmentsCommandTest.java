package dev.boomerang.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boomerang.BoomerangApplication;
import dev.boomerang.support.CommandLines.Run;
import dev.boomerang.support.CommandLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.NestedExceptionUtils;

/**
 * Bad definitions stop the server from starting and make {@code segments validate} exit 1 with every mistake;
 * good ones validate and preview from the command line.
 */
class SegmentsCommandTest {

    @TempDir
    Path dir;

    Run segments(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "segments";
        System.arraycopy(args, 0, command, 1, args.length);
        return CommandLines.run(List.of("--boomerang.segment.directory=" + dir), command);
    }

    void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    @Test
    void validateListsEveryMistakeAndExitsOne() throws IOException {
        write("a.yml", "id: a\nrule:\n  all:\n    - orders: { at-least: lots }\n    - segmnt: b\n");
        write("b.yml", "id: b\nrule: { last-order: { more-than: 2 months } }\n");
        Run run = segments("validate");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("3 mistakes in segment definitions:",
                dir.resolve("a.yml") + ":4:27: at-least: 'lots' is not a whole number of orders",
                dir.resolve("a.yml") + ":5:7: unknown key 'segmnt' in the rule; did you mean 'segment'?",
                dir.resolve("b.yml") + ":2:34: '2 months' is not a duration");
        // previewing a segment with mistakes is refused the same way
        Run preview = segments("preview", "a");
        assertThat(preview.exitCode()).isEqualTo(1);
        assertThat(preview.err()).contains("at-least: 'lots' is not a whole number of orders");
    }

    @Test
    void validateAndPreviewGoodDefinitions() throws IOException {
        write("recent.yml", "id: recent\ndescription: ordered lately\nrule: { last-order: { less-than: 30d } }\n");
        write("never.yml", "id: never\nrule: { never-ordered: true }\n");
        Run validate = segments("validate");
        assertThat(validate.exitCode()).as(validate.err()).isZero();
        assertThat(validate.out()).contains("recent  ordered lately", "2 segments, all valid");
        Run preview = segments("preview", "recent", "never", "--as-of", "2026-06-15");
        assertThat(preview.exitCode()).as(preview.err()).isZero();
        assertThat(preview.out()).contains("recent: 0 customers as of 2026-06-15T00:00:00Z", "never: 0 customers as of 2026-06-15T00:00:00Z");
        assertThat(segments("preview", "recnt").err()).contains("no segment 'recnt'; did you mean 'recent'?");
        assertThat(segments("preview", "recent", "--as-of", "soon").err()).contains("--as-of: 'soon' is not an instant");
        Path csv = dir.resolve("never.csv");
        Run members = segments("members", "never", "--output", csv.toString());
        assertThat(members.exitCode()).as(members.err()).isZero();
        assertThat(Files.readString(csv)).isEqualTo("customer_id\n");
        assertThat(members.err()).contains("0 members written to " + csv);
    }

    @Test
    void theServerRefusesToStartWithABadDefinitionAndSaysWhy() throws IOException {
        write("a.yml", "id: a\nrule: { all: [] }\n");
        SpringApplicationBuilder server = new SpringApplicationBuilder(BoomerangApplication.class).profiles("test");
        // as arguments, which override config/application.yml (default properties would not)
        String[] args = { "--spring.datasource.url=jdbc:h2:mem:refused-" + UUID.randomUUID(), "--boomerang.segment.directory=" + dir,
            "--server.port=0", "--spring.quartz.properties.org.quartz.scheduler.instanceName=refused" };
        assertThatThrownBy(() -> server.run(args)).satisfies(ex -> {
            Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
            assertThat(cause).isInstanceOf(InvalidSegmentException.class);
            FailureAnalysis analysis = new dev.boomerang.segment.internal.InvalidSegmentsFailureAnalyzerAccess().analyze(ex);
            assertThat(analysis.getDescription()).contains(dir.resolve("a.yml") + ":2:14: 'all' has no conditions");
            assertThat(analysis.getAction()).contains("segments validate");
        });
    }
}
