package dev.boomerang.flow.internal;

import dev.boomerang.flow.FlowSummary;
import dev.boomerang.flow.TriggerRequest;
import dev.boomerang.flow.TriggerResult;
import dev.boomerang.campaign.UnknownFlowException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flows list}, {@code flows trigger ID [--dry-run] [--customer X]...} and {@code flows tick}. Exit codes: 0 done,
 * 1 no such flow.
 */
@Component
@Command(name = "flows", mixinStandardHelpOptions = true, description = "Run the flows of config/campaigns.")
class FlowsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final FlowService flows;
    private final Clock clock;

    FlowsCommand(FlowService flows, Clock clock) {
        this.flows = flows;
        this.clock = clock;
    }

    @Command(name = "list", description = "Print the flows with their triggers and journeys.")
    int list() {
        PrintWriter out = spec.commandLine().getOut();
        for (FlowSummary f : flows.flows()) {
            out.printf("%-24s %-15s %d steps%s  journeys: %s%n", f.id(), f.trigger(), f.steps(), f.paused() ? " (paused)" : "",
                    f.journeys());
        }
        out.flush();
        return 0;
    }

    @Command(name = "trigger", description = "Run a flow's trigger now: enrol the carts, customers or orders it finds (or those named).")
    int trigger(@Parameters(paramLabel = "ID", description = "the flow") String id,
            @Option(names = "--dry-run", description = "say who would be enrolled or skipped, and why; enrol nobody") boolean dryRun,
            @Option(names = "--customer", paramLabel = "ID", description = "only this customer (repeatable)") List<String> customers,
            @Option(names = "--cart", paramLabel = "ID", description = "only this cart (repeatable)") List<String> carts) {
        PrintWriter out = spec.commandLine().getOut();
        TriggerResult result;
        try {
            result = flows.trigger(id, new TriggerRequest(customers, carts, List.of(), dryRun, "cli"));
        }
        catch (UnknownFlowException ex) {
            spec.commandLine().getErr().println(ex.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
        out.printf("%s: %d considered, %d %s, skipped: %s%n", result.flowId(), result.considered(), result.enrolled(),
                dryRun ? "would be enrolled" : "enrolled", result.skipped());
        for (TriggerResult.Item item : result.items()) {
            out.printf("  %-28s %-14s %s%n", item.journeyKey(), item.outcome(), item.reason() == null ? "" : item.reason());
        }
        out.flush();
        return 0;
    }

    @Command(name = "tick", description = "Run every due step of every flow now, as the server does every tick.")
    int tick() {
        int ran = flows.tick(clock.instant());
        spec.commandLine().getOut().printf("%d journey(s) moved on%n", ran);
        spec.commandLine().getOut().flush();
        return 0;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
