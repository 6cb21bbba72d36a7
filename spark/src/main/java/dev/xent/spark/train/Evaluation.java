package dev.xent.spark.train;

import dev.xent.core.numeric.CompensatedSum;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * The partial sums of one pass over some blocks: {@code sum_i s_i l_i} and {@code sum_i s_i m_i}
 * (compensated), the gradient of the former with respect to the parameters, and counts of rows and
 * of correctly classified rows. Merged pairwise by {@code treeAggregate}; the driver divides by the
 * total weight. Serialized as the sums only.
 */
final class Evaluation implements Serializable {
    private static final long serialVersionUID = 1L;

    private transient CompensatedSum numerator = new CompensatedSum();
    private transient CompensatedSum denominator = new CompensatedSum();
    final double[] gradient;
    long rows;
    long correct;

    Evaluation(int parameters) {
        gradient = new double[parameters];
    }

    void add(double blockNumerator, double blockDenominator) {
        numerator.add(blockNumerator);
        denominator.add(blockDenominator);
    }

    Evaluation merge(Evaluation other) {
        numerator.add(other.numerator.value());
        denominator.add(other.denominator.value());
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] += other.gradient[i];
        }
        rows += other.rows;
        correct += other.correct;
        return this;
    }

    double numerator() {
        return numerator.value();
    }

    double denominator() {
        return denominator.value();
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeDouble(numerator.value());
        out.writeDouble(denominator.value());
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        numerator = new CompensatedSum();
        denominator = new CompensatedSum();
        numerator.add(in.readDouble());
        denominator.add(in.readDouble());
    }
}
