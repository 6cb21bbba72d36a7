package dev.xent.losses.multiclass;

import dev.xent.autodiff.AbstractGraphLoss;
import dev.xent.core.InputSpace;
import dev.xent.core.Node;
import dev.xent.core.Reduction;
import dev.xent.core.ReductionRules;
import dev.xent.core.Tensor;
import dev.xent.core.Validate;
import dev.xent.core.numeric.CompensatedSum;
import dev.xent.core.numeric.SampleWeights;
import dev.xent.core.spi.ParameterValues;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * What both multi-class losses share: validation, the graph expression, the mean weights and the
 * fused kernel behind every computing method. A loss differs only in its {@link ClassTerm}.
 */
abstract class ClassWiseLoss extends AbstractGraphLoss {
    private final ClassWiseOptions options;
    private final ClassTerm term;
    private final ClassWiseKernel kernel;

    ClassWiseLoss(String name, ParameterValues values, ClassTerm term) {
        this(name, values, new ClassWiseOptions(name, values), term);
    }

    private ClassWiseLoss(String name, ParameterValues values, ClassWiseOptions options, ClassTerm term) {
        super(name, values, options.fromLogits ? InputSpace.CLASS_LOGITS : InputSpace.CLASS_PROBABILITIES);
        this.options = options;
        this.term = term;
        this.kernel = new ClassWiseKernel(name, options, term);
    }

    /** The options read from this loss's parameters. */
    final ClassWiseOptions options() {
        return options;
    }

    /** Cross-entropies (and their focal variants) are never negative. */
    @Override
    public boolean isNonNegative() {
        return true;
    }

    /**
     * Predictions N x C (logits: not NaN; probabilities: in [0, 1] with rows summing to 1 within 1e-6,
     * or with {@code normalize} any non-negative rows with a positive finite sum); targets N class
     * indices (or the ignore_index) or an N x C matrix of distributions; class_weights of length C;
     * not every row ignored.
     */
    @Override
    public void validate(Tensor predictions, Tensor targets) {
        validateShapesAndTargets(predictions, targets, true);
        validatePredictions(predictions);
        requireSomeRowNotIgnored(targets);
    }

    /**
     * {@link #validate} for the fused kernel: the predictions' checks, and the values of target distributions,
     * are left to the kernel when it makes them while computing ({@link ClassWiseKernel#checksPredictions},
     * {@link ClassWiseKernel#checksTargets}), with the same errors.
     */
    private void validateForKernel(Tensor predictions, Tensor targets) {
        validateShapesAndTargets(predictions, targets, !kernel.checksTargets(predictions, targets));
        if (!kernel.checksPredictions(predictions, targets)) {
            validatePredictions(predictions);
        }
        afterPredictionChecks(predictions, targets, () -> {
            requireSomeRowNotIgnored(targets);
            return 0;
        });
    }

    /**
     * Runs a check that {@link #validate} makes after the predictions'. If it fails while the kernel was
     * to check the predictions (and perhaps the targets; so they are not checked yet), they are checked
     * first: every path names the bad input that validation would have named.
     */
    private double afterPredictionChecks(Tensor predictions, Tensor targets, DoubleSupplier check) {
        try {
            return check.getAsDouble();
        } catch (IllegalArgumentException e) {
            kernel.requireCheckedInputs(predictions, targets);
            throw e;
        }
    }

    /**
     * Shapes, targets, {@code ignore_index} and class weights; the targets' values only with
     * {@code targetValues} or when another of these checks fails (they come first in validation's order).
     */
    private void validateShapesAndTargets(Tensor predictions, Tensor targets, boolean targetValues) {
        Validate.classTargetShapes(predictions, targets);
        String optionsError = optionsError(predictions, targets);
        if (targetValues || optionsError != null) {
            Validate.classTargets(predictions, targets, options.ignoreIndex);
        }
        if (optionsError != null) {
            throw new IllegalArgumentException(optionsError);
        }
    }

    /** What is wrong with {@code ignore_index} or the class weights for these inputs, or null. */
    private String optionsError(Tensor predictions, Tensor targets) {
        int classes = predictions.dim(1);
        if (options.ignoreIndex != null && targets.rank() == 2) {
            return name() + ": ignore_index = " + options.ignoreIndex
                    + " applies only to class-index targets, but targets are a " + targets.shapeString()
                    + " matrix of distributions";
        }
        if (options.classWeights != null && options.classWeights.length != classes) {
            return name() + ": class_weights has " + options.classWeights.length
                    + " values but predictions " + predictions.shapeString() + " have " + classes + " classes";
        }
        return null;
    }

    /** Logits not NaN; probabilities in [0, 1] summing to 1 per row, or, with normalize, rows with a positive finite sum. */
    private void validatePredictions(Tensor predictions) {
        if (options.fromLogits) {
            Validate.notNaN("logit", predictions);
        } else if (options.normalize) {
            Validate.inClosedRange("probability", predictions, 0.0, Double.MAX_VALUE);
            requirePositiveRowSums(predictions);
        } else {
            ClassWiseKernel.requireProbabilityRows(predictions);
        }
    }

    private void requireSomeRowNotIgnored(Tensor targets) {
        int rows = targets.dim(0);
        if (options.ignoreIndex != null && rows > 0 && everyRowIgnored(targets)) {
            throw new IllegalArgumentException(name() + ": every one of the " + rows
                    + " rows has the ignore_index " + options.ignoreIndex + " as its class; nothing is left to compute");
        }
    }

    private static void requirePositiveRowSums(Tensor predictions) {
        int classes = predictions.dim(1);
        CompensatedSum sum = new CompensatedSum();
        for (int r = 0; r < predictions.dim(0); r++) {
            sum.reset();
            for (int c = 0; c < classes; c++) {
                sum.add(predictions.getFlat(r * classes + c));
            }
            double total = sum.value();
            if (!(total > 0 && total < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("probability row " + r + " sums to " + total
                        + "; with normalize every row needs a positive, finite sum");
            }
        }
    }

    private boolean everyRowIgnored(Tensor indices) {
        for (int r = 0; r < indices.size(); r++) {
            if (indices.getFlat(r) != options.ignoreIndex) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code -sum_c a_ic f(p_ic)} with the coefficients {@code a} of the targets as a constant; logits
     * go through {@code logSoftmax(1)}, probabilities through (row normalisation and)
     * {@code clamp(eps, 1 - eps)} then {@code log}. For class indices without label smoothing only the
     * target class has a coefficient: each row's term is picked with {@code gather} before {@code f} is
     * applied ({@link #targetClassGraph}, the same bits). Plain IEEE arithmetic: with infinite logits
     * this expression can give NaN ({@code 0 * -inf}) where the kernel gives the limit.
     */
    @Override
    public Node graph(Node predictions, Node targets) {
        if (targets.shape().length == 1 && options.labelSmoothing == 0) {
            return targetClassGraph(predictions, constantTargets(predictions, targets));
        }
        return graphWith(predictions, scaledCoefficients(predictions, targets));
    }

    /** The targets as a constant (the loss has no gradient in them), without a copy when they are one. */
    private static Node constantTargets(Node predictions, Node targets) {
        return targets.requiresGradient() ? predictions.constant(targets.value()) : targets;
    }

    /** {@code -a} times {@code f}'s constant factor: a constant, so the minus sign and the factor cost no op. */
    Node scaledCoefficients(Node predictions, Node targets) {
        int[] shape = predictions.shape();
        Node y = constantTargets(predictions, targets);
        return targetCoefficients(predictions, y, shape[0], shape[1]).mul(-term.constantFactor());
    }

    /** {@link #graph} given its constant {@code -a} times {@code f}'s constant factor (tests compare expressions). */
    Node graphWith(Node predictions, Node coefficients) {
        Node classTerms;
        if (options.fromLogits) {
            Node logP = predictions.logSoftmax(1);
            classTerms = term.graph(logP, () -> predictions.softmax(1)); // shares logSoftmax's exponentials
        } else {
            Node prob = normalized(predictions).clamp(options.epsilon, 1 - options.epsilon);
            classTerms = term.graph(prob.log(), () -> prob);
        }
        return coefficients.mul(classTerms).sum(1);
    }

    /** The predictions, divided by their row sums with {@code normalize}. */
    private Node normalized(Node predictions) {
        return options.normalize
                ? predictions.div(predictions.matmul(predictions.constant(Tensor.filled(1.0, predictions.shape()[1], 1))))
                : predictions;
    }

    /**
     * {@link #graph} for class indices {@code y} without label smoothing: {@code a_ic} is {@code w_y} at
     * {@code c = y_i} (1 without class weights, 0 on an ignored row) and 0 elsewhere, so
     * {@code l_i = 0 - a_i f(p_iy)} times the constant factor, with {@code log p} and {@code p} gathered at
     * the target class: {@code f} costs N elements instead of N x C, and no coefficient matrix is built.
     * The bits are those of the sum over the row ({@code 0 -}, not a negation: a zero term gives +0,
     * as the compensated sum of zeros did), of its gradient too (TargetSelectionGraphTest).
     */
    private Node targetClassGraph(Node predictions, Node y) {
        Node ignored = options.ignoreIndex == null ? null : y.equalTo(options.ignoreIndex);
        // An ignored row's index (possibly negative) is replaced by 0 for gather; its factor is 0.
        Node labels = ignored == null ? y : predictions.constant(Tensor.filled(0.0, 1)).where(ignored, y);
        Node classTerms;
        if (options.fromLogits) {
            Node logP = predictions.logSoftmax(1).gather(1, labels);
            classTerms = term.graph(logP, () -> predictions.softmax(1).gather(1, labels)); // shares the exponentials
        } else {
            Node prob = normalized(predictions).gather(1, labels).clamp(options.epsilon, 1 - options.epsilon);
            classTerms = term.graph(prob.log(), () -> prob);
        }
        return weighted(predictions, classTerms, labels, ignored).rsub(0.0);
    }

    /**
     * {@code f} times each row's {@code a_iy} and {@code f}'s constant factor: {@code (w_y alpha) f}, 0 on
     * an ignored row (the products of the coefficient matrix at the target class).
     */
    private Node weighted(Node predictions, Node classTerms, Node labels, Node ignored) {
        double factor = term.constantFactor();
        if (options.classWeights == null && ignored == null) {
            return factor == 1 ? classTerms : classTerms.mul(factor);
        }
        Node factors = options.classWeights == null ? predictions.constant(Tensor.filled(factor, 1))
                : predictions.constant(targetClassWeights(labels.value(), factor));
        if (ignored != null) {
            factors = predictions.constant(Tensor.filled(0.0, 1)).where(ignored, factors);
        }
        return factors.mul(classTerms);
    }

    /** {@code w_y alpha} of each row's label {@code y} (a constant: the targets need no gradient). */
    private Tensor targetClassWeights(Tensor labels, double factor) {
        double[] weights = new double[labels.size()];
        for (int r = 0; r < weights.length; r++) {
            double weight = options.classWeights[(int) labels.getFlat(r)];
            weights[r] = factor == 1 ? weight : weight * factor;
        }
        return Tensor.wrap(weights, weights.length);
    }

    /**
     * The coefficients {@code a} of {@link TargetCoefficients}, an N x C constant: for class indices
     * {@code y}, {@code a_ic = (1 - ls) w_c [c = y_i] + (ls / C) w_c} ({@code oneHot(y)} times
     * {@code (1 - ls) w} plus {@code (ls / C) w}), 0 on ignored rows; for distributions {@code q},
     * {@code a_ic = w_c ((1 - ls) q_ic + ls / C)}. Terms that are exact no-ops ({@code w = 1}, {@code + 0} on a one-hot's
     * non-negative values) are left out: the same bits as {@code fill} with fewer nodes.
     */
    private Node targetCoefficients(Node predictions, Node y, int rows, int classes) {
        double smoothing = options.labelSmoothing;
        Node weights = options.classWeights == null ? null : predictions.constant(Tensor.of(options.classWeights));
        if (y.shape().length == 2) {
            Node smoothed = y.mul(1 - smoothing).add(smoothing / classes); // + 0 kept: it turns a -0 target into +0
            return weights == null ? smoothed : smoothed.mul(weights);
        }
        Node ignored = options.ignoreIndex == null ? null : y.equalTo(options.ignoreIndex);
        // An ignored row's index (possibly negative) is replaced by 0 for oneHot; the row is zeroed below.
        Node labels = ignored == null ? y : predictions.constant(Tensor.filled(0.0, 1)).where(ignored, y);
        Node target = labels.oneHot(classes);
        if (weights != null) {
            target = target.mul(weights.mul(1 - smoothing)); // (1 - ls) w_y at y, 0 elsewhere
        } else if (smoothing != 0) {
            target = target.mul(1 - smoothing);
        }
        if (smoothing != 0) {
            target = weights == null ? target.add(smoothing / classes) : target.add(weights.mul(smoothing / classes));
        }
        if (ignored == null) {
            return target;
        }
        Node ignoredRows = predictions.constant(ignored.value().reshape(rows, 1));
        return predictions.constant(Tensor.filled(0.0, 1, 1)).where(ignoredRows, target);
    }

    /** What this loss's options make of a batch of targets (the kernel's coefficients and mean weights). */
    TargetCoefficients coefficients(Tensor targets, int classes) {
        return new TargetCoefficients(options, targets, classes);
    }

    /** The class weight of each row's target (0 if ignored), or {@code sum_c w_c q_ic} for distributions. */
    @Override
    public Optional<Tensor> meanWeights(Tensor predictions, Tensor targets) {
        int rows = predictions.dim(0);
        int classes = predictions.dim(1);
        TargetCoefficients coefficients = coefficients(targets, classes);
        if (coefficients.unitMeanWeights()) {
            return Optional.empty();
        }
        double[] weights = new double[rows];
        double[] scratch = new double[classes];
        CompensatedSum sum = new CompensatedSum();
        for (int r = 0; r < rows; r++) {
            weights[r] = coefficients.meanWeight(r, scratch, sum);
        }
        return Optional.of(Tensor.wrap(weights, rows));
    }

    @Override
    public Tensor perSample(Tensor predictions, Tensor targets) {
        validateForKernel(predictions, targets);
        double[] losses = new double[predictions.dim(0)];
        kernel.run(predictions, targets, SampleWeights.NONE, 1.0, losses, null);
        return Tensor.wrap(losses, losses.length);
    }

    @Override
    public double value(Tensor predictions, Tensor targets, Tensor sampleWeights) {
        ReductionRules.requireScalarReduction(this);
        return fusedValueAndGradient(predictions, targets, sampleWeights, null);
    }

    @Override
    public Tensor gradient(Tensor predictions, Tensor targets, Tensor sampleWeights) {
        double[] gradient = new double[predictions.size()];
        fusedValueAndGradient(predictions, targets, sampleWeights, gradient);
        return Tensor.wrap(gradient, predictions.shape());
    }

    @Override
    public double valueAndGradient(Tensor predictions, Tensor targets, Tensor sampleWeights, double[] gradientOut) {
        ReductionRules.requireScalarReduction(this);
        ReductionRules.requireGradientBuffer(gradientOut, predictions);
        return fusedValueAndGradient(predictions, targets, sampleWeights, gradientOut);
    }

    /**
     * The reduced value; the gradient too unless {@code gradientOut} is null. A mean runs on weights scaled
     * by a power of two ({@link SampleWeights#scaledForMean}): the same value and gradient, without
     * overflowing the total weight or a weighted loss.
     */
    private double fusedValueAndGradient(Tensor predictions, Tensor targets, Tensor sampleWeights, double[] gradientOut) {
        validateForKernel(predictions, targets);
        afterPredictionChecks(predictions, targets, () -> {
            Validate.sampleWeights(sampleWeights, predictions.dim(0));
            return 0;
        });
        if (reduction() != Reduction.MEAN) {
            return kernel.run(predictions, targets, SampleWeights.unscaled(sampleWeights), 1.0, null, gradientOut);
        }
        SampleWeights scaled = SampleWeights.scaledForMean(sampleWeights);
        double denominator = afterPredictionChecks(predictions, targets,
                () -> kernel.meanDenominator(predictions, targets, scaled));
        return kernel.run(predictions, targets, scaled, denominator, null, gradientOut) / denominator;
    }
}
