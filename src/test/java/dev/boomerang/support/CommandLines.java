package dev.boomerang.support;

import dev.boomerang.BoomerangApplication;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Runs a command line in this JVM, as {@code java -jar boomerang.jar} would: Spring options first, then the
 * command; a fresh in-memory database and the test profile; standard output and error captured.
 */
public final class CommandLines {

    public record Run(int exitCode, String out, String err) {
    }

    private CommandLines() {
    }

    public static Run run(List<String> springOptions, String... command) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            List<String> all = new ArrayList<>(List.of(
                    "--spring.datasource.url=jdbc:h2:mem:cli-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                    "--spring.profiles.active=test"));
            all.addAll(springOptions);
            all.addAll(List.of(command));
            int code = BoomerangApplication.runCommand(all.toArray(String[]::new));
            return new Run(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        }
        finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
