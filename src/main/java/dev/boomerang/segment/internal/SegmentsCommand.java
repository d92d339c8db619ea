package dev.boomerang.segment.internal;

import dev.boomerang.segment.AsOf;
import dev.boomerang.segment.InvalidSegmentException;
import dev.boomerang.segment.Preview;
import dev.boomerang.segment.Rule;
import dev.boomerang.segment.SegmentDefinition;
import dev.boomerang.definition.DefinitionError;
import dev.boomerang.segment.Segments;
import dev.boomerang.segment.UnknownSegmentException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code segments validate | preview ID... [--as-of T] | members ID [--as-of T]}. Exit codes: 0 done, 1 bad
 * definitions or an unknown id (every mistake printed), 2 the database failed.
 */
@Component
@Command(name = "segments", mixinStandardHelpOptions = true, description = "Check and preview the segments of config/segments.")
class SegmentsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final Segments segments;

    SegmentsCommand(Segments segments) {
        this.segments = segments;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 1;
    }

    @Command(name = "validate", description = "Read every definition and print every mistake; exit 1 when there is one.")
    int validate() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<DefinitionError> errors = segments.errors();
        if (!errors.isEmpty()) {
            printErrors(err, errors);
            return 1;
        }
        for (SegmentDefinition d : segments.definitions()) {
            out.println(d.id() + (d.description() == null ? "" : "  " + d.description()));
        }
        out.printf(Locale.ROOT, "%d segments, all valid%n", segments.definitions().size());
        out.flush();
        return 0;
    }

    @Command(name = "preview", description = "Count each segment's members and show the first 20.")
    int preview(@Parameters(arity = "1..*", paramLabel = "ID", description = "segment ids") List<String> ids,
            @Option(names = "--as-of", paramLabel = "T", description = "the instant to evaluate at: 2026-03-01, 2026-03-01T09:00:00+01:00 (default: now)") String asOf) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return run(err, asOf, t -> {
            List<Rule> rules = new ArrayList<>();
            for (String id : ids) {
                rules.add(segments.rule(id));
            }
            for (int i = 0; i < ids.size(); i++) {
                Preview preview = segments.preview(rules.get(i), t);
                out.printf(Locale.ROOT, "%s: %d customers as of %s (counted in %d ms)%n", ids.get(i), preview.count(),
                        preview.asOf(), preview.countMillis());
                for (Preview.Member m : preview.sample()) {
                    out.printf(Locale.ROOT, "  %s  %d orders, %s spent, last %s%n", m.customerId(), m.orderCount(),
                            m.totalSpent().toPlainString(), m.lastOrderAt() == null ? "never" : m.lastOrderAt().toInstant());
                }
            }
            out.flush();
        });
    }

    @Command(name = "members", description = "Write a segment's members as CSV (header customer_id), to a file or standard output.")
    int members(@Parameters(paramLabel = "ID", description = "segment id") String id,
            @Option(names = "--as-of", paramLabel = "T", description = "the instant to evaluate at (default: now)") String asOf,
            @Option(names = { "-o", "--output" }, paramLabel = "FILE", description = "the CSV file to write (default: standard output)") Path output) {
        PrintWriter err = spec.commandLine().getErr();
        return run(err, asOf, t -> {
            Rule rule = segments.rule(id);
            long n;
            if (output == null) {
                Writer out = new OutputStreamWriter(System.out, StandardCharsets.UTF_8); // flushed, not closed: stdout stays
                n = segments.writeMembers(rule, t, out);
                out.flush();
            }
            else {
                try (Writer out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                    n = segments.writeMembers(rule, t, out);
                }
            }
            err.printf(Locale.ROOT, "%d members written to %s%n", n, output == null ? "standard output" : output);
            err.flush();
        });
    }

    private interface Action {
        void run(Instant asOf) throws Exception;
    }

    private int run(PrintWriter err, String asOf, Action action) {
        Instant t = null;
        if (asOf != null) {
            try {
                t = AsOf.parse(asOf);
            }
            catch (IllegalArgumentException ex) {
                err.println("--as-of: " + ex.getMessage());
                err.flush();
                return 1;
            }
        }
        try {
            action.run(t);
            return 0;
        }
        catch (InvalidSegmentException ex) {
            printErrors(err, ex.errors());
            return 1;
        }
        catch (UnknownSegmentException ex) {
            err.println(ex.getMessage());
            err.flush();
            return 1;
        }
        catch (DataAccessException ex) {
            err.println("the database failed: " + NestedExceptionUtils.getMostSpecificCause(ex).getMessage());
            err.flush();
            return 2;
        }
        catch (Exception ex) {
            err.println(ex.getMessage());
            err.flush();
            return 2;
        }
    }

    private static void printErrors(PrintWriter err, List<DefinitionError> errors) {
        err.printf(Locale.ROOT, "%d %s in segment definitions:%n", errors.size(), errors.size() == 1 ? "mistake" : "mistakes");
        for (DefinitionError error : errors) {
            err.println("  " + error);
        }
        err.flush();
    }
}
