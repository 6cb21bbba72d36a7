package dev.xent.spark;

import java.io.Serializable;

/**
 * A loss aggregate with its parts, as the CLI's evaluate report gives them: the reduced value, the
 * numerator {@code weighted_sum = sum_i s_i l_i}, the mean's denominator
 * {@code total_weight = sum_i s_i m_i}, and the row count. A Java bean (Spark's bean encoder).
 */
public final class LossSummary implements Serializable {
    private static final long serialVersionUID = 1L;
    private double value;
    private double weightedSum;
    private double totalWeight;
    private long rows;

    public LossSummary() {
    }

    LossSummary(double value, double weightedSum, double totalWeight, long rows) {
        this.value = value;
        this.weightedSum = weightedSum;
        this.totalWeight = totalWeight;
        this.rows = rows;
    }

    public double getValue() {
        return value;
    }

    public void setValue(double value) {
        this.value = value;
    }

    public double getWeightedSum() {
        return weightedSum;
    }

    public void setWeightedSum(double weightedSum) {
        this.weightedSum = weightedSum;
    }

    public double getTotalWeight() {
        return totalWeight;
    }

    public void setTotalWeight(double totalWeight) {
        this.totalWeight = totalWeight;
    }

    public long getRows() {
        return rows;
    }

    public void setRows(long rows) {
        this.rows = rows;
    }
}
