package dev.boomerang.insight.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The model mathematics against the published CDNOW figures, from the published parameters and from a fit on
 * the published summary file. (The acceptance test, {@code CdnowModelIT}, fits on the raw purchase log through
 * Boomerang's own import and summary code.)
 */
class PublishedCdnowFiguresTest {

    static final BgNbd PUBLISHED = new BgNbd(0.243, 4.414, 0.793, 2.426);

    @Test
    void conditionalExpectationOfThePaper() {
        assertThat(PUBLISHED.conditionalExpectedPurchases(39, 2, 30.43, 38.86)).isCloseTo(1.226, within(0.001));
    }

    /** The paper's figures come from the unrounded estimates: with the rounded ones they agree to 2 decimals. */
    @Test
    void unconditionalExpectationsOfThePaperFromTheRoundedParameters() {
        assertThat(PUBLISHED.expectedPurchases(1)).isCloseTo(0.0532, within(0.0005));
        assertThat(PUBLISHED.expectedPurchases(3)).isCloseTo(0.1506, within(0.0005));
        assertThat(PUBLISHED.expectedPurchases(32)).isCloseTo(1.0437, within(0.005));
        assertThat(PUBLISHED.expectedPurchases(78)).isCloseTo(1.8576, within(0.005));
    }

    @Test
    void probabilityAliveFallsWithTimeSinceTheLastPurchase() {
        assertThat(PUBLISHED.probabilityAlive(0, 0, 38)).isEqualTo(1.0);
        double recent = PUBLISHED.probabilityAlive(3, 37, 38);
        double lapsed = PUBLISHED.probabilityAlive(3, 5, 38);
        assertThat(recent).isBetween(0.0, 1.0).isGreaterThan(lapsed);
        assertThat(lapsed).isGreaterThan(0.0);
    }

    @Test
    void fitsThePublishedParametersFromThePublishedSummary() throws IOException {
        RepeatStatistics repeat = new RepeatStatistics();
        SpendStatistics spend = new SpendStatistics();
        List<String> lines = Files.readAllLines(Path.of("..", "shared", "data", "cdnow", "cdnow_sample_summary.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            int x = Integer.parseInt(f[1]);
            repeat.add(x, (int) Math.round(Double.parseDouble(f[2]) * 7), (int) Math.round(Double.parseDouble(f[3]) * 7), 1);
            double zbar = Double.parseDouble(f[4]);
            if (x > 0 && zbar > 0) {
                spend.add(x, x * zbar, 1);
            }
        }
        assertThat(repeat.customers()).isEqualTo(2357);
        MaximumLikelihood.Result bg = MaximumLikelihood.maximize(
                p -> repeat.logLikelihood(new BgNbd(p[0], p[1], p[2], p[3])), 1, repeat.meanAgeWeeks(), 1, 1);
        assertThat(bg.parameters()).containsExactly(new double[] { 0.243, 4.414, 0.793, 2.426 }, within(0.01));
        assertThat(bg.logLikelihood()).isCloseTo(-9582.4, within(0.5));
        BgNbd fitted = new BgNbd(bg.parameters()[0], bg.parameters()[1], bg.parameters()[2], bg.parameters()[3]);
        assertThat(fitted.expectedPurchases(1)).isCloseTo(0.0532, within(0.0005));
        assertThat(fitted.expectedPurchases(3)).isCloseTo(0.1506, within(0.0005));
        assertThat(fitted.expectedPurchases(32)).isCloseTo(1.0437, within(0.0005));
        assertThat(fitted.expectedPurchases(78)).isCloseTo(1.8576, within(0.0005));
        MaximumLikelihood.Result gg = MaximumLikelihood.maximize(
                p -> spend.logLikelihood(new GammaGamma(p[0], p[1], p[2])), 1, 1, 1);
        assertThat(gg.parameters()).containsExactly(new double[] { 6.25, 3.74, 15.44 }, within(0.01));
    }
}
