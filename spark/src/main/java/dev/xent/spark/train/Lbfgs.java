package dev.xent.spark.train;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Limited-memory BFGS (Nocedal and Wright, Numerical Optimization, 2nd ed., algorithm 7.4 for the
 * two-loop recursion) with a backtracking Armijo line search. Written here because commons-math3 has
 * no L-BFGS and every evaluation of the objective is a distributed pass: the step of length 1 along
 * the quasi-Newton direction is accepted almost always, so an iteration costs about one pass, where
 * the conjugate gradient's Brent line search costs about twenty. A pair (s, y) with
 * {@code s.y <= 0} (possible with an inexact line search on a non-convex loss) is not stored.
 */
final class Lbfgs {
    /** The objective and its gradient at a point. */
    interface Function {
        double value(double[] x);

        double[] gradient(double[] x);
    }

    /** Called after each iteration with the new point; returning true stops. */
    interface Monitor {
        boolean iterationFinished(double previousValue, double value, double[] point);
    }

    private static final int MEMORY = 10;
    private static final double ARMIJO = 1e-4;
    private static final int MAX_HALVINGS = 60;

    private Lbfgs() {
    }

    /** Minimises {@code f} from {@code start}; returns the last point. */
    static double[] minimize(Function f, double[] start, Monitor monitor) {
        int n = start.length;
        double[] x = start.clone();
        double value = f.value(x);
        double[] g = f.gradient(x);
        Deque<double[][]> pairs = new ArrayDeque<>();
        while (true) {
            double[] direction = direction(g, pairs);
            double slope = dot(g, direction);
            if (!(slope < 0)) {
                for (int i = 0; i < n; i++) {
                    direction[i] = -g[i];
                }
                slope = -dot(g, g);
                pairs.clear();
                if (slope == 0) {
                    return x; // a stationary point
                }
            }
            double step = pairs.isEmpty() ? Math.min(1.0, 1.0 / Math.sqrt(-slope)) : 1.0;
            double[] next = new double[n];
            double nextValue = Double.NaN;
            boolean accepted = false;
            for (int halving = 0; halving < MAX_HALVINGS; halving++) {
                for (int i = 0; i < n; i++) {
                    next[i] = x[i] + step * direction[i];
                }
                nextValue = f.value(next);
                if (nextValue <= value + ARMIJO * step * slope) {
                    accepted = true;
                    break;
                }
                step /= 2;
            }
            if (!accepted) {
                return x; // no decrease along a descent direction: as close as doubles allow
            }
            double[] nextGradient = f.gradient(next);
            double[] s = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = next[i] - x[i];
                y[i] = nextGradient[i] - g[i];
            }
            if (dot(s, y) > 0) {
                if (pairs.size() == MEMORY) {
                    pairs.removeFirst();
                }
                pairs.addLast(new double[][] {s, y});
            }
            double previous = value;
            x = next;
            value = nextValue;
            g = nextGradient;
            if (monitor.iterationFinished(previous, value, x)) {
                return x;
            }
        }
    }

    /** {@code -H g} by the two-loop recursion over the stored pairs (oldest first in the deque). */
    private static double[] direction(double[] g, Deque<double[][]> pairs) {
        int m = pairs.size();
        double[] q = g.clone();
        double[] alpha = new double[m];
        double[][][] stored = pairs.toArray(new double[0][][]);
        for (int k = m - 1; k >= 0; k--) {
            double[] s = stored[k][0];
            double[] y = stored[k][1];
            alpha[k] = dot(s, q) / dot(y, s);
            for (int i = 0; i < q.length; i++) {
                q[i] -= alpha[k] * y[i];
            }
        }
        if (m > 0) {
            double[] s = stored[m - 1][0];
            double[] y = stored[m - 1][1];
            double gamma = dot(s, y) / dot(y, y);
            for (int i = 0; i < q.length; i++) {
                q[i] *= gamma;
            }
        }
        for (int k = 0; k < m; k++) {
            double[] s = stored[k][0];
            double[] y = stored[k][1];
            double beta = dot(y, q) / dot(y, s);
            for (int i = 0; i < q.length; i++) {
                q[i] += s[i] * (alpha[k] - beta);
            }
        }
        for (int i = 0; i < q.length; i++) {
            q[i] = -q[i];
        }
        return q;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
