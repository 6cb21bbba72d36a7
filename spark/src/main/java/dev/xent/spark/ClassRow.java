package dev.xent.spark;

import java.io.Serializable;

/**
 * One input row of a class-wise loss over an {@code array<double>} of predictions and a class index:
 * the {@link NumberRow} bean with the predictions as a {@code double[]} (Spark copies the array's
 * values straight into it).
 */
public final class ClassRow implements Serializable {
    private static final long serialVersionUID = 1L;

    private double[] prediction;
    private double target;
    private double weight;

    public double[] getPrediction() {
        return prediction;
    }

    public void setPrediction(double[] prediction) {
        this.prediction = prediction;
    }

    public double getTarget() {
        return target;
    }

    public void setTarget(double target) {
        this.target = target;
    }

    public double getWeight() {
        return weight;
    }

    public void setWeight(double weight) {
        this.weight = weight;
    }
}
