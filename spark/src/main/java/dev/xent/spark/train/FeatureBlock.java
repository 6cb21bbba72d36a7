package dev.xent.spark.train;

import java.io.Serializable;

/**
 * Up to a few thousand training rows of one partition, cached for every iteration: features
 * ({@code rows x inputs}, row-major), targets (class indices, or 0/1 for one logit) and sample weights.
 */
record FeatureBlock(double[] features, double[] targets, double[] weights, int rows, int inputs) implements Serializable {
}
