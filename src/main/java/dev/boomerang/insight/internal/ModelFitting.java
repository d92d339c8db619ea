package dev.boomerang.insight.internal;

import dev.boomerang.insight.FitTrigger;
import dev.boomerang.insight.ModelFit;
import dev.boomerang.insight.ModelFitException;
import dev.boomerang.insight.internal.model.BgNbd;
import dev.boomerang.insight.internal.model.Forecast;
import dev.boomerang.insight.internal.model.GammaGamma;
import dev.boomerang.insight.internal.model.MaximumLikelihood;
import dev.boomerang.insight.internal.model.RepeatStatistics;
import dev.boomerang.insight.internal.model.SpendStatistics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A model fit from end to end, in one transaction: summarize the customers ({@link CustomerSummaries}), fit
 * BG/NBD and Gamma-Gamma by maximum likelihood over the grouped sufficient statistics, record the fit in
 * {@code insight_fit}, and replace every customer's predictions ({@link PredictionWriter}). When anything fails
 * nothing changes: the previous fit and its predictions stay.
 */
@Component
class ModelFitting {

    private static final Logger log = LoggerFactory.getLogger(ModelFitting.class);
    private static final long LOCK = 0x6669_7400L; // "fit"

    /** Below this many customers with a positive repeat spend the Gamma-Gamma estimates mean little. */
    private static final int MIN_SPEND_CUSTOMERS = 10;

    private final JdbcTemplate jdbc;
    private final InsightSql sql;
    private final CustomerSummaries summaries;
    private final PredictionWriter predictions;
    private final InsightProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ReentrantLock running = new ReentrantLock();

    ModelFitting(JdbcTemplate jdbc, InsightSql sql, CustomerSummaries summaries, PredictionWriter predictions,
            InsightProperties properties, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.summaries = summaries;
        this.predictions = predictions;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    ModelFit fit(LocalDate asOf, FitTrigger trigger) {
        if (!running.tryLock()) {
            throw new ModelFitException("a model fit is already running; try again when it has finished", true);
        }
        try {
            return transactions.execute(status -> fitInTransaction(asOf, trigger));
        }
        finally {
            running.unlock();
        }
    }

    private ModelFit fitInTransaction(LocalDate asOf, FitTrigger trigger) {
        InsightProperties.Model settings = properties.model();
        Instant fittedAt = clock.instant();
        long started = System.nanoTime();
        sql.lockForRewrite(jdbc, LOCK);
        sql.allowLargeSorts(jdbc);
        int customers = summaries.summarize(asOf);
        if (customers < settings.minCustomers()) {
            throw new ModelFitException("a fit needs at least " + settings.minCustomers() + " customers with a purchase "
                    + "up to " + asOf + " (boomerang.insight.model.min-customers); there are " + customers, false);
        }
        CustomerSummaries.Window window = summaries.window();
        RepeatStatistics repeat = summaries.repeatStatistics();
        if (repeat.repeatCustomers() == 0 || repeat.repeatCustomers() == repeat.customers()) {
            throw new ModelFitException("a fit needs customers who bought again and customers who did not, up to "
                    + asOf + "; of " + customers + " customers " + repeat.repeatCustomers() + " bought on more than one day", false);
        }
        long summarized = System.nanoTime();
        MaximumLikelihood.Result bg = MaximumLikelihood.maximize(
                p -> repeat.logLikelihood(new BgNbd(p[0], p[1], p[2], p[3])), 1, Math.max(repeat.meanAgeWeeks(), 1), 1, 1);
        BgNbd purchases = new BgNbd(bg.parameters()[0], bg.parameters()[1], bg.parameters()[2], bg.parameters()[3]);
        SpendStatistics spend = summaries.spendStatistics();
        GammaGamma spendModel = null;
        ModelFit.GammaGammaParameters gg;
        if (spend.customers() < MIN_SPEND_CUSTOMERS) {
            gg = new ModelFit.GammaGammaParameters(null, null, null, null, spend.customers(), "fewer than "
                    + MIN_SPEND_CUSTOMERS + " customers with a repeat purchase of positive value");
        }
        else {
            MaximumLikelihood.Result fitted = MaximumLikelihood.maximize(
                    p -> spend.logLikelihood(new GammaGamma(p[0], p[1], p[2])), 1, 1, 1);
            spendModel = new GammaGamma(fitted.parameters()[0], fitted.parameters()[1], fitted.parameters()[2]);
            gg = new ModelFit.GammaGammaParameters(spendModel.p(), spendModel.q(), spendModel.gamma(), fitted.logLikelihood(),
                    spend.customers(), spendModel.q() <= 1 ? "q <= 1: no expected spend for customers without a repeat purchase" : null);
        }
        Duration fitTime = Duration.ofNanos(System.nanoTime() - started);
        log.info("insight fit as of {}: {} customers, {} (x, t_x, T) groups ({} KB), {} spend groups; summary {} ms, "
                + "BG/NBD {} evaluations, total {} ms", asOf, customers, repeat.groups(), repeat.bytes() / 1024, spend.groups(),
                (summarized - started) / 1_000_000, bg.evaluations(), fitTime.toMillis());
        ModelFit.BgNbdParameters bgNbd = new ModelFit.BgNbdParameters(purchases.r(), purchases.alpha(), purchases.a(),
                purchases.b(), bg.logLikelihood(), repeat.groups());
        ModelFit fit = new ModelFit(0, fittedAt, trigger, asOf, properties.zone().getId(), window.firstPurchaseDay(),
                window.lastPurchaseDay(), customers, repeat.repeatCustomers(), repeat.transactions(), bgNbd, gg,
                settings.horizonsDays(), settings.clvMonths(), settings.annualDiscountRate(), fitTime, Duration.ZERO);
        long id = record(fit);
        long scoring = System.nanoTime();
        Forecast forecast = new Forecast(purchases, spendModel, settings.horizonsDays(), settings.clvMonths(),
                settings.annualDiscountRate());
        predictions.write(id, forecast, settings.horizonsDays(), settings.chunkSize());
        Duration scoreTime = Duration.ofNanos(System.nanoTime() - scoring);
        jdbc.update("UPDATE insight_fit SET score_millis = ? WHERE id = ?", scoreTime.toMillis(), id);
        log.info("insight predictions of fit {} written for {} customers in {} ms", id, customers, scoreTime.toMillis());
        return new ModelFit(id, fit.fittedAt(), trigger, asOf, fit.zone(), fit.firstPurchaseDay(), fit.lastPurchaseDay(),
                customers, fit.repeatCustomers(), fit.purchaseDays(), bgNbd, gg, fit.horizonsDays(), fit.clvMonths(),
                fit.annualDiscountRate(), fitTime, scoreTime);
    }

    private long record(ModelFit fit) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("""
                    INSERT INTO insight_fit (fitted_at, trigger_source, as_of, zone, first_purchase_day, last_purchase_day,
                        customers, repeat_customers, purchase_days, bgnbd_r, bgnbd_alpha, bgnbd_a, bgnbd_b,
                        bgnbd_log_likelihood, bgnbd_groups, gg_p, gg_q, gg_gamma, gg_log_likelihood, gg_customers, gg_note,
                        horizons_days, clv_months, annual_discount_rate, fit_millis, score_millis)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
                    """, new String[] { "id" });
            ModelFit.BgNbdParameters bg = fit.bgNbd();
            ModelFit.GammaGammaParameters gg = fit.gammaGamma();
            Object[] values = { fit.fittedAt().atOffset(ZoneOffset.UTC), fit.trigger().name(), fit.asOf(), fit.zone(),
                    fit.firstPurchaseDay(), fit.lastPurchaseDay(), fit.customers(), fit.repeatCustomers(), fit.purchaseDays(),
                    bg.r(), bg.alpha(), bg.a(), bg.b(), bg.logLikelihood(), bg.groups(), gg.p(), gg.q(), gg.gamma(),
                    gg.logLikelihood(), gg.customers(), gg.note(),
                    fit.horizonsDays().stream().map(String::valueOf).collect(Collectors.joining(",")), fit.clvMonths(),
                    fit.annualDiscountRate(), fit.fitTime().toMillis() };
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            return statement;
        }, key);
        return key.getKey().longValue();
    }
}
