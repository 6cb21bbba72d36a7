package dev.xent.train;

import java.util.Arrays;
import org.apache.commons.math3.optim.ConvergenceChecker;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.apache.commons.math3.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;

/**
 * Full-batch training with commons-math3's {@link NonLinearConjugateGradientOptimizer}
 * (Polak-Ribiere update, Brent line search with tight tolerances). Value and gradient both come from {@link Objective}
 * and are computed together once per point. Each iteration (line search along a new direction) is
 * one epoch; the run ends after {@code epochs} iterations, when early stopping says so, or when the
 * objective's relative change is at most {@code tolerance}.
 */
final class ConjugateGradientFit {
    private static final double LINE_SEARCH_RELATIVE_TOLERANCE = 1e-10;
    private static final double LINE_SEARCH_ABSOLUTE_TOLERANCE = 1e-12;
    private static final double LINE_SEARCH_BRACKET = 1.0;
    private ConjugateGradientFit() {
    }

    static TrainingResult run(Objective objective, Batch training, double[] start, int epochs, double tolerance,
                              EpochMonitor monitor) {
        if (epochs == 0) {
            return monitor.result(start, false);
        }
        CachedObjective cached = new CachedObjective(objective, training, start.length);
        boolean[] stoppedEarly = new boolean[1];
        int[] epoch = new int[1];
        ConvergenceChecker<PointValuePair> checker = (iteration, previous, current) -> {
            epoch[0]++;
            if (monitor.epochFinished(current.getPoint(), cached.meanLoss(current.getPoint()))) {
                stoppedEarly[0] = epoch[0] < epochs;
                return true;
            }
            double before = previous.getValue();
            double after = current.getValue();
            return epoch[0] >= epochs || Math.abs(before - after) <= tolerance * Math.max(Math.abs(before), Math.abs(after));
        };
        // commons-math3's default line search (tolerances 1e-8, bracket 1e-8) stalls about 3e-8 above the
        // optimum; these tolerances reach it (iris softmax regression: the objective Adam reaches, to 1e-11).
        NonLinearConjugateGradientOptimizer optimizer = new NonLinearConjugateGradientOptimizer(
                NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, checker, LINE_SEARCH_RELATIVE_TOLERANCE,
                LINE_SEARCH_ABSOLUTE_TOLERANCE, LINE_SEARCH_BRACKET, new NonLinearConjugateGradientOptimizer.IdentityPreconditioner());
        PointValuePair optimum = optimizer.optimize(
                MaxEval.unlimited(), MaxIter.unlimited(), GoalType.MINIMIZE, new InitialGuess(start),
                new ObjectiveFunction(cached::value), new ObjectiveFunctionGradient(cached::gradient));
        return monitor.result(optimum.getPoint(), stoppedEarly[0]);
    }

    /** The objective and its gradient at the last point asked for, computed together. */
    private static final class CachedObjective {
        private final Objective objective;
        private final Batch training;
        private double[] point;
        private Objective.Value value;
        private final double[] gradient;

        CachedObjective(Objective objective, Batch training, int size) {
            this.objective = objective;
            this.training = training;
            this.gradient = new double[size];
        }

        double value(double[] at) {
            evaluate(at);
            return value.objective();
        }

        double meanLoss(double[] at) {
            evaluate(at);
            return value.meanLoss();
        }

        double[] gradient(double[] at) {
            evaluate(at);
            return gradient.clone();
        }

        private void evaluate(double[] at) {
            if (point == null || !Arrays.equals(point, at)) {
                point = at.clone();
                value = objective.valueAndGradient(point, training, gradient);
                if (Double.isNaN(value.objective())) {
                    throw new TrainingDivergedException("conjugate gradient diverged: the objective is NaN in a line search");
                }
            }
        }
    }
}
