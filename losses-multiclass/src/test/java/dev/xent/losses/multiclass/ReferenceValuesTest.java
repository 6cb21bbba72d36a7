package dev.xent.losses.multiclass;

import static dev.xent.losses.multiclass.Fixtures.relativeError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.core.Loss;
import dev.xent.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Agreement with PyTorch 1.13's {@code torch.nn.functional.cross_entropy} (float64) to 1e-12, and the
 * worked examples of optax and Keras. The expected numbers were computed on this machine with
 * {@code python3} + torch and pasted here (the script is in docs/losses-multiclass.md):
 * <pre>
 * x = torch.tensor(LOGITS, dtype=torch.float64, requires_grad=True)
 * F.cross_entropy(x, target, weight=..., ignore_index=..., label_smoothing=..., reduction=...)
 * x.grad after backward() of the mean
 * </pre>
 */
class ReferenceValuesTest {
    private static final double TOLERANCE = 1e-12;
    private static final Tensor LOGITS = Tensor.of(new double[][] {
        {1.5, -0.3, 0.2, 2.1}, {-1.0, 0.4, 0.0, 0.7}, {3.2, -2.5, 0.9, -0.1}, {0.05, 0.1, -0.2, 0.3}, {-0.6, 1.8, -1.4, 0.5}});
    private static final Tensor LABELS = Tensor.of(3, 1, 0, 2, 1);
    private static final Tensor LABELS_WITH_IGNORED = Tensor.of(3, -100, 0, 2, 1);
    private static final List<Double> WEIGHTS = List.of(0.7, 1.3, 2.0, 0.4);
    private static final Tensor DISTRIBUTIONS = Tensor.of(new double[][] {
        {0.1, 0.2, 0.3, 0.4}, {0.25, 0.25, 0.25, 0.25}, {0.7, 0.1, 0.1, 0.1}, {0, 0, 1, 0}, {0.05, 0.8, 0.05, 0.1}});

    private static void assertClose(double expected, double actual) {
        assertTrue(relativeError(expected, actual) <= TOLERANCE, () -> "expected " + expected + " but got " + actual);
    }

    private static void assertClose(double[] expected, Tensor actual) {
        Tensor e = Tensor.wrap(expected, actual.shape());
        assertTrue(relativeError(e, actual) <= TOLERANCE, () -> "expected " + e + " but got " + actual);
    }

    /** Checks none (per-sample), sum, mean and the gradient of the mean against PyTorch. */
    private static void assertMatchesTorch(Tensor targets, Object[] params, double[] none, double sum, double mean,
                                           double[] meanGradient) {
        Loss perSample = Fixtures.crossEntropy(with(params, "none"));
        assertClose(none, perSample.perSample(LOGITS, targets));
        assertClose(sum, Fixtures.crossEntropy(with(params, "sum")).value(LOGITS, targets));
        Loss meanLoss = Fixtures.crossEntropy(with(params, "mean"));
        assertClose(mean, meanLoss.value(LOGITS, targets));
        assertClose(meanGradient, meanLoss.gradient(LOGITS, targets));
    }

    private static Object[] with(Object[] params, String reduction) {
        Object[] all = java.util.Arrays.copyOf(params, params.length + 4);
        all[params.length] = "reduction";
        all[params.length + 1] = reduction;
        all[params.length + 2] = "from_logits";
        all[params.length + 3] = true;
        return all;
    }

    @Test
    void matchesTorchWithClassWeightsIgnoreIndexAndLabelSmoothing() {
        // F.cross_entropy(x, [3, -100, 0, 2, 1], weight=[0.7, 1.3, 2.0, 0.4], ignore_index=-100, label_smoothing=0.15)
        assertMatchesTorch(LABELS_WITH_IGNORED,
                new Object[] {"class_weights", WEIGHTS, "ignore_index", -100, "label_smoothing", 0.15},
                new double[] {0.5690144079096404, 0.0, 0.5997817275436742, 3.0754547573897613, 0.7534539478165149},
                4.99770484065959, 1.135842009240816,
                new double[] {0.029240994549442074, -0.005259883425070879, -0.007450453969173937, -0.016530657155197262,
                    0.0, 0.0, 0.0, 0.0,
                    0.010257141441694519, -0.01057279790439505, -0.001861220253974501, 0.002176876716675021,
                    0.09706122076375394, 0.09722989830424116, -0.3231714815006799, 0.12888036243268486,
                    0.012683861054110818, -0.05663620332393074, -0.008665572645168465, 0.052617914914988434});
    }

    @Test
    void matchesTorchWithoutOptions() {
        // F.cross_entropy(x, [3, 1, 0, 2, 1])
        assertMatchesTorch(LABELS, new Object[0],
                new double[] {0.5817116988309712, 1.1838035099869055, 0.13145622045220284, 1.6644194409596573, 0.3393338171783582},
                3.900724687408095, 0.7801449374816191,
                new double[] {0.06135064396734461, 0.01014119323948045, 0.01672000100421175, -0.08821183821103683,
                    0.01509726884940043, -0.13877755586246623, 0.041038631572685995, 0.08264165544037981,
                    -0.024636467804353714, 0.0005867603212267836, 0.01758174496908216, 0.006467962514044763,
                    0.048613337411315544, 0.05110579651889128, -0.16213989475635304, 0.06242076082614622,
                    0.012922675376076788, -0.057551070019731546, 0.0058065323403557086, 0.03882186230329907});
    }

    @Test
    void matchesTorchWithClassWeights() {
        // F.cross_entropy(x, [3, 1, 0, 2, 1], weight=[0.7, 1.3, 2.0, 0.4])
        assertMatchesTorch(LABELS, new Object[] {"class_weights", WEIGHTS},
                new double[] {0.23268467953238847, 1.5389445629829772, 0.09201935431654198, 3.3288388819193147, 0.4411339623318657},
                5.633621441083088, 0.9883546387865066,
                new double[] {0.02152654174292793, 0.0035583134173615616, 0.005866667019021667, -0.030951522179311162,
                    0.01721618377563207, -0.15825510756246147, 0.04679843951271209, 0.09424048427411731,
                    -0.015127655669339997, 0.0003602914253146916, 0.010795808314348693, 0.003971555929676608,
                    0.08528655686195709, 0.08965929213840575, -0.28445595571290005, 0.10951010671253722,
                    0.014736384200789317, -0.06562841318039561, 0.0066214842477740525, 0.04427054473183227});
    }

    @Test
    void matchesTorchWithProbabilityTargetsAndLabelSmoothing() {
        // F.cross_entropy(x, DISTRIBUTIONS, label_smoothing=0.15)
        assertMatchesTorch(DISTRIBUTIONS, new Object[] {"label_smoothing", 0.15},
                new double[] {1.7089616988309715, 1.5588035099869055, 1.515706220452203, 1.6250444409596574, 0.9465838171783582},
                7.355099687408095, 1.471019937481619,
                new double[] {0.03685064396734461, -0.03135880676051956, -0.04177999899578824, 0.03628816178896317,
                    -0.034902731150599574, 0.011222444137533783, -0.00896136842731401, 0.0326416554403798,
                    0.04886353219564627, -0.023913239678773218, -0.006918255030917841, -0.01803203748595524,
                    0.041113337411315544, 0.04360579651889128, -0.13963989475635302, 0.05492076082614622,
                    -0.0030773246239232115, -0.0010510700197315316, -0.010193467659644292, 0.014321862303299078});
    }

    @Test
    void weightedDistributionTargetsDivideByTheirTotalTargetWeight() {
        // PyTorch divides weighted probability targets by N; we divide by sum_i sum_c w_c q_ic so that
        // one-hot rows agree with index targets. Its per-sample losses (reduction='none') are ours:
        // F.cross_entropy(x, DISTRIBUTIONS, weight=w, reduction='none')
        double[] torchNone = {2.4400657517257587, 1.717183860985596, 1.4460523495888946, 3.3288388819193147,
            0.8682905878717053};
        Loss none = Fixtures.crossEntropy("from_logits", true, "class_weights", WEIGHTS, "reduction", "none");
        assertClose(torchNone, none.perSample(LOGITS, DISTRIBUTIONS));
        // sum_c w_c q_ic per row: 1.09, 1.1, 0.86, 2.0, 1.215 (total 6.265)
        double expectedMean = java.util.Arrays.stream(torchNone).sum() / 6.265;
        assertClose(expectedMean, Fixtures.crossEntropy("from_logits", true, "class_weights", WEIGHTS)
                .value(LOGITS, DISTRIBUTIONS));
    }

    @Test
    void probabilitiesMatchTorchNllLossOfTheirLog() {
        // p = softmax(x); F.nll_loss(torch.log(p), [3, 1, 0, 2, 1], weight=w) equals the logits case
        Tensor p = Fixtures.softmaxRows(LOGITS);
        assertClose(0.9883546387865066, Fixtures.crossEntropy("class_weights", WEIGHTS).value(p, LABELS));
    }

    @Test
    void reproducesOptaxWorkedExample() {
        Tensor logits = Tensor.of(new double[][] {{1.2, -0.8, -0.5}, {0.9, -1.2, 1.1}});
        Tensor perSample = Fixtures.crossEntropy("from_logits", true).perSample(logits, Tensor.of(0, 1));
        // optax documents [0.2761, 2.9518]; torch (float64) gives the full digits.
        assertEquals(0.2761, perSample.getFlat(0), 5e-5);
        assertEquals(2.9518, perSample.getFlat(1), 5e-5);
        assertClose(new double[] {0.2761297055455377, 2.951798795854425}, perSample);
        assertClose(1.6139642506999814, Fixtures.crossEntropy("from_logits", true).value(logits, Tensor.of(0, 1)));
    }

    @Test
    void focalReproducesKerasWorkedExample() {
        // keras.losses.categorical_focal_crossentropy documents [2.63401289e-04, 6.75912094e-01] (float32);
        // the float64 digits are 0.25 * (1 - p)^2 * -log p computed with torch.
        Tensor p = Tensor.of(new double[][] {{0.05, 0.9, 0.05}, {0.1, 0.85, 0.05}});
        Tensor q = Tensor.of(new double[][] {{0, 1, 0}, {0, 0, 1}});
        Tensor perSample = Fixtures.focal().perSample(p, q);
        assertEquals(2.63401289e-04, perSample.getFlat(0), 1e-11);
        assertEquals(6.75912094e-01, perSample.getFlat(1), 1e-8);
        assertClose(new double[] {2.6340128914456557e-4, 0.6759120942206192}, perSample);
        assertClose(new double[] {2.6340128914456557e-4, 0.6759120942206192},
                Fixtures.focal().perSample(p, Tensor.of(1, 2)));
    }

    @Test
    void focalMatchesKerasSemanticsWithLabelSmoothing() {
        // Keras's formula evaluated with torch (float64): q = onehot * 0.9 + 0.1 / 4,
        // p = softmax(x), -(0.25 * (1 - p)**2 * q * log(p)).sum(1)
        Tensor q = Fixtures.oneHot(LABELS, 4);
        double[] expected = {0.05953771272092753, 0.1537653837742659, 0.06941842135455642, 0.2662022858146907,
            0.04898677185958671};
        Loss focal = Fixtures.focal("from_logits", true, "label_smoothing", 0.1);
        assertClose(expected, focal.perSample(LOGITS, LABELS));
        assertClose(expected, focal.perSample(LOGITS, q));
        // Keras divides probabilities by their row sum and clips to [1e-7, 1 - 1e-7]: normalize = true.
        // u = u / u.sum(1, keepdim=True); u.clamp(1e-7, 1 - 1e-7); the same focal formula
        Tensor unnormalized = Tensor.of(new double[][] {
            {2, 3, 5, 0}, {1, 1, 1, 1}, {0.3, 0.3, 0.2, 0.2}, {4, 0, 0, 4}, {0.5, 7, 0.5, 2}});
        assertClose(new double[] {3.738516834654835, 0.19494764453248467, 0.1529878384029036, 3.8302130364323466,
                0.047656653631492234},
                Fixtures.focal("normalize", true, "label_smoothing", 0.1).perSample(unnormalized, q));
    }

    @Test
    void focalWithGammaZeroAndAlphaOneIsCrossEntropy() {
        Loss focal = Fixtures.focal("from_logits", true, "gamma", 0.0, "alpha", 1.0, "class_weights", WEIGHTS,
                "label_smoothing", 0.15);
        Loss crossEntropy = Fixtures.crossEntropy("from_logits", true, "class_weights", WEIGHTS, "label_smoothing", 0.15);
        assertClose(crossEntropy.value(LOGITS, LABELS), focal.value(LOGITS, LABELS));
        assertClose(crossEntropy.gradient(LOGITS, LABELS).toArray(), focal.gradient(LOGITS, LABELS));
    }
}
