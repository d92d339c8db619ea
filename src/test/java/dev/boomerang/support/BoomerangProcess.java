package dev.boomerang.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged {@code target/boomerang.jar} as a separate process, as a user would. */
public final class BoomerangProcess {

    public record Result(int exitCode, String output) {
    }

    private BoomerangProcess() {
    }

    public static Path jar() {
        Path jar = Path.of("target", "boomerang.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: integration tests run after `package` (./mvnw verify)");
        }
        return jar;
    }

    public static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** Starts the jar with these arguments and environment, in {@code workDir}, output merged into one stream. */
    public static Process start(Path workDir, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Runs a command to its end (at most {@code minutes}) and returns its exit code and output. */
    public static Result run(Path workDir, Map<String, String> env, long minutes, String... args)
            throws IOException, InterruptedException {
        Process process = start(workDir, env, args);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                process.getInputStream().transferTo(output);
            }
            catch (IOException ex) {
                // the process was ended
            }
        });
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("boomerang " + String.join(" ", args) + " did not end in " + minutes + " min");
        }
        reader.join();
        return new Result(process.exitValue(), output.toString(StandardCharsets.UTF_8));
    }

    /** The environment that points Boomerang at a PostgreSQL database. */
    public static Map<String, String> postgres(PostgresDatabase database) {
        return Map.of("SPRING_PROFILES_ACTIVE", "postgres", "BOOMERANG_DB_URL", database.url(), "BOOMERANG_DB_USER",
                database.user(), "BOOMERANG_DB_PASSWORD", database.password());
    }
}
