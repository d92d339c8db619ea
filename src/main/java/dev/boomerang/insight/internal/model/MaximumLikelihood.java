package dev.boomerang.insight.internal.model;

import java.util.function.ToDoubleFunction;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Maximizes a log-likelihood over strictly positive parameters with Hipparchus's Nelder-Mead simplex on their
 * logarithms (so every step stays in the valid region). Nelder-Mead can stall short of the optimum, so it is
 * restarted from its own answer with a fresh simplex until a restart no longer improves the log-likelihood.
 */
public final class MaximumLikelihood {

    /** The fitted parameters, the log-likelihood there and the number of evaluations it took. */
    public record Result(double[] parameters, double logLikelihood, int evaluations) {
    }

    private static final int MAX_EVALUATIONS = 20_000;
    private static final int MAX_RESTARTS = 10;

    private MaximumLikelihood() {
    }

    public static Result maximize(ToDoubleFunction<double[]> logLikelihood, double... initial) {
        int n = initial.length;
        double[] start = new double[n];
        for (int i = 0; i < n; i++) {
            start[i] = Math.log(initial[i]);
        }
        ObjectiveFunction objective = new ObjectiveFunction(logs -> {
            double[] parameters = new double[n];
            for (int i = 0; i < n; i++) {
                parameters[i] = Math.exp(logs[i]);
            }
            double value = logLikelihood.applyAsDouble(parameters);
            // outside the region where the likelihood is defined (overflow, 0 * inf): worse than anything
            return Double.isFinite(value) ? value : Double.NEGATIVE_INFINITY;
        });
        int evaluations = 0;
        PointValuePair best = null;
        for (int restart = 0; restart <= MAX_RESTARTS; restart++) {
            SimplexOptimizer optimizer = new SimplexOptimizer(new SimpleValueChecker(1e-12, 1e-12));
            PointValuePair found = optimizer.optimize(new MaxEval(MAX_EVALUATIONS), objective, GoalType.MAXIMIZE,
                    new InitialGuess(best == null ? start : best.getPoint()), new NelderMeadSimplex(n, restart == 0 ? 1.0 : 0.1));
            evaluations += optimizer.getEvaluations();
            boolean improved = best == null || found.getValue() > best.getValue() + 1e-9 * Math.abs(best.getValue());
            if (best == null || found.getValue() > best.getValue()) {
                best = found;
            }
            if (!improved) {
                break;
            }
        }
        if (!Double.isFinite(best.getValue())) {
            throw new ArithmeticException("the likelihood is not finite anywhere the optimizer looked");
        }
        double[] parameters = new double[n];
        for (int i = 0; i < n; i++) {
            parameters[i] = Math.exp(best.getPoint()[i]);
        }
        return new Result(parameters, best.getValue(), evaluations);
    }
}
