package dev.boomerang.insight.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Percentage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HypergeometricTest {

    /** Reference values from mpmath.hyp2f1 at 30 significant digits. */
    @ParameterizedTest
    @CsvSource({
            "0.243, 2.426, 2.219, 0.1847063169560399, 1.05609598564537260865690011553",
            "2.243, 4.426, 4.219, 0.4740258161752194, 4.57531589764368931157178595999",
            "0.5, 1.5, 2.7, 0.95, 1.68979987760131337830627799235",
            "12.3, 14.5, 15.2, 0.9, 457609977288.254320092324074392",
            "1.2, -0.3, 0.7, 0.8, 0.198789925646309247394270053828",
            "0.243, 2.426, 2.219, 0.9464411386414929, 2.39000559626886123074911737424",
            "3.1, 0.4, -0.6, 0.3, -3.66874022667124988727094502905" })
    void matchesAnArbitraryPrecisionImplementation(double a, double b, double c, double z, double expected) {
        assertThat(Hypergeometric.f21(a, b, c, z)).isCloseTo(expected, Percentage.withPercentage(1e-10));
    }

    @ParameterizedTest
    @CsvSource({ "0.001", "0.3", "0.5", "0.9", "0.99", "0.999" })
    void matchesClosedForms(double z) {
        // 2F1(1, 1; 2; z) = -ln(1 - z) / z
        assertThat(Hypergeometric.f21(1, 1, 2, z)).isCloseTo(-Math.log1p(-z) / z, Percentage.withPercentage(1e-10));
        // 2F1(a, b; b; z) = (1 - z)^-a
        assertThat(Hypergeometric.f21(0.7, 2.5, 2.5, z)).isCloseTo(Math.pow(1 - z, -0.7), Percentage.withPercentage(1e-10));
        // 2F1(1/2, 1/2; 3/2; z^2) = arcsin(z) / z
        double s = Math.sqrt(z);
        assertThat(Hypergeometric.f21(0.5, 0.5, 1.5, z)).isCloseTo(Math.asin(s) / s, Percentage.withPercentage(1e-10));
    }

    @Test
    void isOneAtZeroAndRefusesArgumentsOutsideItsRange() {
        assertThat(Hypergeometric.f21(3, 4, 5, 0)).isCloseTo(1, within(0.0));
        assertThatThrownBy(() -> Hypergeometric.f21(1, 1, 2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hypergeometric.f21(1, 1, 2, -0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hypergeometric.f21(1, 1, -2, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
