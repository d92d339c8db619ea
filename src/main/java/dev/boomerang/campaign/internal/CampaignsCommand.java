package dev.boomerang.campaign.internal;

import dev.boomerang.campaign.Campaign;
import dev.boomerang.definition.DefinitionError;
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
import picocli.CommandLine.Spec;

/**
 * {@code campaigns validate [--dir D]}. Exit codes: 0 every definition is valid, 1 mistakes (every one printed) or
 * no folder D. The configured folder missing means no campaigns, as at startup.
 */
@Component
@Command(name = "campaigns", mixinStandardHelpOptions = true, description = "Check the campaigns of config/campaigns.")
class CampaignsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final CampaignCatalog catalog;
    private final CampaignProperties properties;

    CampaignsCommand(CampaignCatalog catalog, CampaignProperties properties) {
        this.catalog = catalog;
        this.properties = properties;
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
        out.printf(Locale.ROOT, "OK: %d campaigns in %s, all valid (%d scheduled, %d manual)%n", read.campaigns().size(), folder,
                scheduled, read.campaigns().size() - scheduled);
        out.flush();
        return 0;
    }
}
