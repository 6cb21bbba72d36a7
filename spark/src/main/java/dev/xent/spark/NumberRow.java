package dev.xent.spark;

import java.io.Serializable;

/**
 * One input row of an element-wise loss aggregate as a Java bean of primitive doubles: Spark's
 * generated deserializer fills it with its setters, without boxing and without an external
 * {@code Row} per row (the cost that dominated the {@code Row}-typed aggregate in profiles). The
 * properties sort as {@code prediction, target, weight}, the aggregate's argument order.
 */
public final class NumberRow implements Serializable {
    private static final long serialVersionUID = 1L;

    private double prediction;
    private double target;
    private double weight;

    public double getPrediction() {
        return prediction;
    }

    public void setPrediction(double prediction) {
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
