package dev.boomerang.engagement.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.boomerang.engagement.HoldoutLift.Difference;
import org.junit.jupiter.api.Test;

/** The intervals against figures worked out by hand (and checked with scipy.stats). */
class LiftMathTest {

    @Test
    void theDifferenceOfTwoConversionRatesHasTheWaldInterval() {
        // 30 of 200 treated, 10 of 100 held out: 0.15 - 0.10 = 0.05;
        // se = sqrt(.15 * .85 / 200 + .10 * .90 / 100) = sqrt(.0015375) = .0392110; 1.959964 * se = .0768521
        Difference d = LiftMath.proportions(30, 200, 10, 100);
        assertThat(d.estimate()).isCloseTo(0.05, within(1e-12));
        assertThat(d.low()).isCloseTo(-0.0268520848, within(1e-9));
        assertThat(d.high()).isCloseTo(0.1268520848, within(1e-9));
    }

    @Test
    void revenuePerRecipientHasWelchsIntervalWithSatterthwaiteDegreesOfFreedom() {
        // treated 10, 0, 20, 0, 30 (mean 12, variance 170); holdout 0, 5, 0, 0 (mean 1.25, variance 6.25)
        // se^2 = 170/5 + 6.25/4 = 35.5625; df = 35.5625^2 / (34^2/4 + 1.5625^2/3) = 4.3638; t(.975) = 2.68750
        Difference d = LiftMath.welch(5, 60, 1400, 4, 5, 25);
        assertThat(d.estimate()).isCloseTo(10.75, within(1e-12));
        assertThat(d.low()).isCloseTo(-5.2767053306, within(1e-6));
        assertThat(d.high()).isCloseTo(26.7767053306, within(1e-6));
    }

    @Test
    void identicalRevenueEverywhereGivesAnIntervalOfWidthZero() {
        Difference d = LiftMath.welch(3, 30, 300, 2, 20, 200);
        assertThat(d.estimate()).isZero();
        assertThat(d.low()).isZero();
        assertThat(d.high()).isZero();
    }

    @Test
    void aGroupTooSmallGivesTheEstimateWithoutAnInterval() {
        Difference empty = LiftMath.proportions(3, 10, 0, 0);
        assertThat(empty.estimate()).isCloseTo(0.3, within(1e-12));
        assertThat(empty.low()).isNull();
        assertThat(empty.high()).isNull();
        Difference single = LiftMath.welch(1, 10, 100, 4, 0, 0);
        assertThat(single.estimate()).isEqualTo(10);
        assertThat(single.low()).isNull();
    }

    @Test
    void noConversionsOnEitherSideIsADifferenceOfZeroWithNoSpread() {
        Difference d = LiftMath.proportions(0, 50, 0, 50);
        assertThat(d.estimate()).isZero();
        assertThat(d.low()).isZero();
        assertThat(d.high()).isZero();
    }
}
