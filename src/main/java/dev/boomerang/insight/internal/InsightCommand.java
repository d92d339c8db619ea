package dev.boomerang.insight.internal;

import dev.boomerang.insight.FitTrigger;
import dev.boomerang.insight.Insight;
import dev.boomerang.insight.ModelFit;
import dev.boomerang.insight.ModelFitException;
import dev.boomerang.insight.RfmRun;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Locale;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code insight fit [--as-of DAY]} and {@code insight rfm [--as-of DAY]}: the scheduled jobs, on demand, against
 * the configured database. Exit 0 when done, 1 when the data cannot support a fit, 2 when the database failed.
 */
@Component
@Command(name = "insight", mixinStandardHelpOptions = true,
        description = "Fit the customer models or score RFM now (they also run on their schedules).")
class InsightCommand implements Runnable {

    @Spec
    CommandSpec spec;

    private final Insight insight;

    InsightCommand(Insight insight) {
        this.insight = insight;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what: insight fit | insight rfm");
    }

    @Command(name = "fit", mixinStandardHelpOptions = true,
            description = "Fit BG/NBD and Gamma-Gamma to the order history, print the parameters and rewrite every customer's predictions.")
    int fit(@Option(names = "--as-of", paramLabel = "DAY",
            description = "Last day of data, YYYY-MM-DD (default: today in boomerang.insight.zone)") LocalDate asOf) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ModelFit fit = insight.refit(asOf, FitTrigger.command);
            ModelFit.BgNbdParameters bg = fit.bgNbd();
            ModelFit.GammaGammaParameters gg = fit.gammaGamma();
            out.printf(Locale.ROOT, "fit %d as of %s (%s): purchases from %s to %s%n", fit.id(), fit.asOf(), fit.zone(),
                    fit.firstPurchaseDay(), fit.lastPurchaseDay());
            out.printf(Locale.ROOT, "customers %,d (%,d with repeat purchases), %,d purchase days%n", fit.customers(),
                    fit.repeatCustomers(), fit.purchaseDays());
            out.printf(Locale.ROOT, "BG/NBD       r = %.4f  alpha = %.4f  a = %.4f  b = %.4f  log-likelihood = %.2f (%,d groups)%n",
                    bg.r(), bg.alpha(), bg.a(), bg.b(), bg.logLikelihood(), bg.groups());
            if (gg.p() != null) {
                out.printf(Locale.ROOT, "Gamma-Gamma  p = %.4f  q = %.4f  gamma = %.4f  log-likelihood = %.2f (%,d customers)%s%n",
                        gg.p(), gg.q(), gg.gamma(), gg.logLikelihood(), gg.customers(), gg.note() == null ? "" : "; " + gg.note());
            }
            else {
                out.println("Gamma-Gamma  not fitted: " + gg.note());
            }
            out.printf(Locale.ROOT, "fitted in %.1f s, predictions for %,d customers written in %.1f s%n",
                    fit.fitTime().toMillis() / 1000.0, fit.customers(), fit.scoreTime().toMillis() / 1000.0);
            out.flush();
            return 0;
        }
        catch (ModelFitException ex) {
            err.println("insight fit: " + ex.getMessage());
            err.flush();
            return 1;
        }
        catch (DataAccessException ex) {
            err.println("insight fit failed, nothing changed: " + NestedExceptionUtils.getMostSpecificCause(ex).getMessage());
            err.flush();
            return 2;
        }
    }

    @Command(name = "rfm", mixinStandardHelpOptions = true,
            description = "Rewrite every customer's RFM scores (quintiles 1..5 of recency, frequency and spend).")
    int rfm(@Option(names = "--as-of", paramLabel = "DAY",
            description = "Score as of the end of this day, YYYY-MM-DD (default: now)") LocalDate asOf) {
        PrintWriter out = spec.commandLine().getOut();
        try {
            RfmRun run = insight.scoreRfm(asOf);
            out.printf(Locale.ROOT, "RFM scores as of %s written for %,d customers in %.1f s%n", run.asOf(), run.customers(),
                    run.took().toMillis() / 1000.0);
            out.flush();
            return 0;
        }
        catch (DataAccessException ex) {
            spec.commandLine().getErr().println("insight rfm failed, nothing changed: "
                    + NestedExceptionUtils.getMostSpecificCause(ex).getMessage());
            spec.commandLine().getErr().flush();
            return 2;
        }
    }
}
