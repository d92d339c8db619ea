package dev.boomerang.campaign.internal;

import dev.boomerang.campaign.Campaign;
import dev.boomerang.campaign.Flow;
import dev.boomerang.campaign.Plan;
import dev.boomerang.campaign.UnknownCampaignException;
import dev.boomerang.definition.DefinitionError;
import dev.boomerang.delivery.Forecast;
import dev.boomerang.segment.AsOf;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.springframework.stereotype.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code campaigns plan ID [--as-of T]} and {@code campaigns validate [--dir D]}. Exit codes: 0 every definition is valid, 1 mistakes (every one printed) or
 * no folder D. The configured folder missing means no campaigns, as at startup.
 */
@Component
@Command(name = "campaigns", mixinStandardHelpOptions = true, description = "Check the campaigns and flows of config/campaigns.")
class CampaignsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final CampaignCatalog catalog;
    private final CampaignProperties properties;
    private final CampaignService service;

    CampaignsCommand(CampaignCatalog catalog, CampaignProperties properties, CampaignService service) {
        this.catalog = catalog;
        this.properties = properties;
        this.service = service;
    }

    @Command(name = "plan", description = "Print a campaign's next fire times and what a run would do now (or --as-of T): the audience, per variant and holdout, and who each policy would skip. Sends nothing.")
    int plan(@Parameters(paramLabel = "ID", description = "the campaign") String id,
            @Option(names = "--as-of", paramLabel = "T", description = "select the audience as of T (ISO instant or date)") String asOf) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!catalog.catalog().errors().isEmpty()) {
            return validate(null);
        }
        if (catalog.catalog().flows().containsKey(id)) {
            err.println("'" + id + "' is a flow; flows have no plan (a plan forecasts a broadcast's run; a flow starts a journey per trigger)");
            err.flush();
            return 1;
        }
        Plan plan;
        try {
            plan = service.plan(id, asOf == null ? null : AsOf.parse(asOf));
        }
        catch (UnknownCampaignException | IllegalArgumentException ex) {
            err.println(ex.getMessage());
            err.flush();
            return 1;
        }
        Forecast f = plan.forecast();
        out.printf(Locale.ROOT, "campaign %s%s%n", id, plan.paused() ? " (paused)" : "");
        out.printf(Locale.ROOT, "next fire times: %s%n", plan.nextFireTimes().isEmpty() ? "none (manual runs only)" : plan.nextFireTimes());
        out.printf(Locale.ROOT, "as of %s: audience %,d%n", f.asOf(), f.audience());
        f.byVariant().forEach((variant, n) -> out.printf(Locale.ROOT, "  variant %s: %,d%n", variant, n));
        out.printf(Locale.ROOT, "  holdout: %,d%n", f.holdout());
        f.skipped().forEach((reason, n) -> out.printf(Locale.ROOT, "  skipped, %s: %,d%n", reason, n));
        out.printf(Locale.ROOT, "  deferred (quiet hours): %,d%n", f.deferred());
        out.printf(Locale.ROOT, "would send now: %,d%n", f.wouldSend());
        out.flush();
        return 0;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 1;
    }

    @Command(name = "validate", description = "Read every definition, check it against the segments and templates, and print every mistake; exit 1 when there is one.")
    int validate(@Option(names = "--dir", paramLabel = "D", description = "the folder to check (default: boomerang.campaign.directory)") Path dir) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (dir != null && !Files.isDirectory(dir)) {
            // named on purpose: a mistyped folder must not pass as "no campaigns"
            err.println(dir + ": no such folder");
            err.flush();
            return 1;
        }
        CampaignCatalog.Catalog read = dir == null ? catalog.catalog() : catalog.read(dir);
        Path folder = dir == null ? properties.directory() : dir;
        List<DefinitionError> errors = read.errors();
        if (!errors.isEmpty()) {
            err.printf(Locale.ROOT, "%d %s in campaign definitions (%s):%n", errors.size(), errors.size() == 1 ? "mistake" : "mistakes",
                    folder);
            for (DefinitionError error : errors) {
                err.println("  " + error);
            }
            err.flush();
            return 1;
        }
        long scheduled = read.campaigns().values().stream().filter(c -> !c.manualOnly()).count();
        for (Campaign c : read.campaigns().values()) {
            out.printf(Locale.ROOT, "%s  %s  %s  %s%n", c.id(), c.channel().key(),
                    c.manualOnly() ? "manual" : c.schedule().cron() + " " + c.schedule().zone(), c.name());
        }
        for (Flow flow : read.flows().values()) {
            out.printf(Locale.ROOT, "%s  flow  %s, %d steps  %s%n", flow.id(), FlowReader.triggerKey(flow.trigger()), flow.steps().size(),
                    flow.name());
        }
        out.printf(Locale.ROOT, "OK: %d campaigns and %d flows in %s, all valid (%d scheduled, %d manual)%n", read.campaigns().size(),
                read.flows().size(), folder, scheduled, read.campaigns().size() - scheduled);
        out.flush();
        return 0;
    }
}
