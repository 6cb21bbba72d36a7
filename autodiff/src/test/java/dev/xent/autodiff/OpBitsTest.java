package dev.xent.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.xent.core.Node;
import dev.xent.core.Tensor;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every op's value and gradients on fixed inputs (ordinary and extreme), fingerprinted bit for bit:
 * the fingerprints were recorded from the engine before it was split into op-family files, so a
 * change that moves code around must leave every one of them as it is. A change that means to alter
 * an op's arithmetic updates the fingerprint and says why.
 */
class OpBitsTest {
    private static final Tensor ORDINARY = random(3, 4, -4, 4, 1);
    private static final Tensor POSITIVE = random(3, 4, 0.05, 5, 2);
    private static final Tensor OTHER = random(3, 4, -4, 4, 3);
    private static final Tensor RIGHT = random(4, 5, -3, 3, 4);
    private static final Tensor EXTREME = Tensor.of(new double[][] {
        {-1e300, -745.5, -40, -1, -1e-300, -0.0},
        {0.0, 1e-300, 0.5, 37, 709.5, 1e300}});

    private static Map<String, Function<List<Node>, Node>> unaryOps() {
        Map<String, Function<List<Node>, Node>> ops = new LinkedHashMap<>();
        ops.put("neg", x -> x.get(0).neg());
        ops.put("exp", x -> x.get(0).exp());
        ops.put("log", x -> x.get(0).log());
        ops.put("log1p", x -> x.get(0).log1p());
        ops.put("expm1", x -> x.get(0).expm1());
        ops.put("sqrt", x -> x.get(0).sqrt());
        ops.put("square", x -> x.get(0).square());
        ops.put("pow(2)", x -> x.get(0).pow(2));
        ops.put("pow(3)", x -> x.get(0).pow(3));
        ops.put("pow(0.5)", x -> x.get(0).pow(0.5));
        ops.put("pow(-1.5)", x -> x.get(0).pow(-1.5));
        ops.put("pow(0)", x -> x.get(0).pow(0));
        ops.put("sigmoid", x -> x.get(0).sigmoid());
        ops.put("softplus", x -> x.get(0).softplus());
        ops.put("logSigmoid", x -> x.get(0).logSigmoid());
        ops.put("sigmoid parts shared", x -> x.get(0).softplus().add(x.get(0).logSigmoid()).mul(x.get(0).sigmoid()));
        ops.put("sigmoid parts negated", x -> x.get(0).sigmoid().add(x.get(0).neg().softplus()));
        ops.put("tanh", x -> x.get(0).tanh());
        ops.put("relu", x -> x.get(0).relu());
        ops.put("abs", x -> x.get(0).abs());
        ops.put("clamp", x -> x.get(0).clamp(-1, 1.5));
        ops.put("add(c)", x -> x.get(0).add(0.7));
        ops.put("sub(c)", x -> x.get(0).sub(0.7));
        ops.put("rsub(c)", x -> x.get(0).rsub(0.7));
        ops.put("mul(c)", x -> x.get(0).mul(-2.5));
        ops.put("sum", x -> x.get(0).sum());
        ops.put("mean", x -> x.get(0).mean());
        for (int axis = 0; axis < 2; axis++) {
            int a = axis;
            ops.put("sum(" + a + ")", x -> x.get(0).sum(a));
            ops.put("mean(" + a + ")", x -> x.get(0).mean(a));
            ops.put("logSumExp(" + a + ")", x -> x.get(0).logSumExp(a));
            ops.put("logSoftmax(" + a + ")", x -> x.get(0).logSoftmax(a));
            ops.put("softmax(" + a + ")", x -> x.get(0).softmax(a));
            ops.put("softmax parts shared(" + a + ")",
                    x -> x.get(0).softmax(a).mul(x.get(0).logSoftmax(a)).sum(a).add(x.get(0).logSumExp(a)));
        }
        ops.put("gather(1)", x -> x.get(0).gather(1, Graph.constant(Tensor.of(indices(x.get(0).shape())))));
        return ops;
    }

    private static double[] indices(int[] shape) {
        double[] picked = new double[shape[0]];
        for (int i = 0; i < picked.length; i++) {
            picked[i] = (3 * i + 1) % shape[1];
        }
        return picked;
    }

    private static Map<String, Function<List<Node>, Node>> binaryOps() {
        Map<String, Function<List<Node>, Node>> ops = new LinkedHashMap<>();
        ops.put("add", x -> x.get(0).add(x.get(1)));
        ops.put("sub", x -> x.get(0).sub(x.get(1)));
        ops.put("mul", x -> x.get(0).mul(x.get(1)));
        ops.put("div", x -> x.get(0).div(x.get(1)));
        ops.put("max", x -> x.get(0).max(x.get(1)));
        ops.put("min", x -> x.get(0).min(x.get(1)));
        ops.put("xlogy", x -> x.get(0).xlogy(x.get(1)));
        ops.put("where(greaterThan)", x -> x.get(0).where(x.get(0).greaterThan(x.get(1)), x.get(1)));
        ops.put("where(lessThan(c))", x -> x.get(0).where(x.get(1).lessThan(0.5), x.get(1)));
        ops.put("where(equalTo(c))", x -> x.get(0).where(x.get(0).equalTo(0.0), x.get(1)));
        return ops;
    }

    /** Fingerprints of today's bits: op name -> fingerprint per input. */
    private static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("neg", "245e82cb39b5cb1f ca0c7948cbf9ae5c 4099f9e6040f90f3"),
            Map.entry("exp", "56e1bb5eda37b86b 69f965a797d84b91 38e16d6ee8cbdb57"),
            Map.entry("log", "1e5fca673ca9879e 2e0bed1c746c6b89 35d94f3e730c6466"),
            Map.entry("log1p", "3e60ad24dfde74bf d8933d95f5d97878 ead71a2bb8c30b20"),
            Map.entry("expm1", "590538485978906f b1300e85583ff6bd 8216349f48f43769"),
            Map.entry("sqrt", "bb5c4f8f986411ab 1ff08a36cbf19608 8e60161663484da2"),
            Map.entry("square", "c1d19a18fc58b851 03aa9aa741615c88 ee2ded0692b1b7bd"),
            Map.entry("pow(2)", "c1d19a18fc58b851 03aa9aa741615c88 ee2ded0692b1b7bd"),
            Map.entry("pow(3)", "cc00566af820b7af 3e6ccccce449a4ef b9dbe03fe7317a62"),
            Map.entry("pow(0.5)", "fdaf1c2a0a67c63d a65266fc9772032a 14e7cc24848f98b8"),
            Map.entry("pow(-1.5)", "b955a19a8a2f57d6 3cc5efb02d6ccdb6 99acd473b631326a"),
            Map.entry("pow(0)", "354ceed7f3853ac3 354ceed7f3853ac3 354ceed7f3853ac3"),
            Map.entry("sigmoid", "7b401710505ce1dc 7cd287bce86b5474 a085e89b2eecb4fa"),
            Map.entry("softplus", "bea0061fd60a4ad5 5754fb8fc50be60d 14ffc8ac5f060508"),
            Map.entry("logSigmoid", "60c1b1bda598e93e cac0b55d5dbfd897 1753c7589d283327"),
            Map.entry("sigmoid parts shared", "1dfaa9ca93e8ed34 5dfd544392619b47 ac7874b81b092d54"),
            Map.entry("sigmoid parts negated", "5cf00ec9794ac636 a3efb95cbd4ac915 0428689142bff8c2"),
            Map.entry("tanh", "9b7136a5d8406d5f c1f09e43a56352d8 a17df46915f534eb"), // StableMath.tanh since 3 Dec 2026
            Map.entry("relu", "6c63bc6634aae829 a10732fbcc586b26 a2667d0b2bb28c0a"),
            Map.entry("abs", "e044ed956075659d a10732fbcc586b26 52c5723497d8cea8"),
            Map.entry("clamp", "cb86b12a30047948 42ddf0741a955a95 0234d488ccccb757"),
            Map.entry("add(c)", "6c29cc062261acdf 82ffeaf513ba8ea2 a8da8927938d1c8b"),
            Map.entry("sub(c)", "a02d89d5b062e38d c3450a7c0fcb522f 90de0499f22e5918"),
            Map.entry("rsub(c)", "d01f119d2fab5676 29f415c7812b4d23 449e6e3d9ae370a3"),
            Map.entry("mul(c)", "abc74d43fa6ea977 57a48e85aa8f6274 779e0c6e1f781d7e"),
            Map.entry("sum", "5836d1cf842b2dac eecd175c2ac4621f aae1bff8036c4cc3"),
            Map.entry("mean", "0b13a1430a1b7bab 107de8e31a1ee083 0bdefdb28b9e26cc"),
            Map.entry("sum(0)", "5edbb1a47b7dffb4 9dfb65c344cf7156 d5c00144a0755242"),
            Map.entry("mean(0)", "57a67d6cb18dd5ba 06c7e13ed18ece03 b8d2683cafe3ff97"),
            Map.entry("logSumExp(0)", "2daf9d31835e2c1c 31e4090fdb5ae3b1 1945c4fcf6a2cdf4"),
            Map.entry("logSoftmax(0)", "e3682970568674fc aadd744c1a27b511 bba43b47d02ea02a"),
            Map.entry("softmax(0)", "aacf9e4e2ca0ced1 13d058b6225accaa c8ebc4c4b585f2f8"),
            Map.entry("softmax parts shared(0)", "ad397c1ed34225cb f929a43628b47c27 96b93c970fa785a2"),
            Map.entry("sum(1)", "d64e2b9e0bc14003 6cd51c5bbddcb177 a59860f2bb1c6fbe"),
            Map.entry("mean(1)", "dd425efb6be012a7 44c083f5d010442e 867365faf1493f86"),
            Map.entry("logSumExp(1)", "e7d557407e280318 548b2ae019861c06 d1d801fde5484097"),
            Map.entry("logSoftmax(1)", "713961a1ef5b64e0 03fca4552a3be36e 2cd4b937c5c2615d"),
            Map.entry("softmax(1)", "82c22607f4ab1728 8690bdb6469d6afa 668bb2e7222dca1f"),
            Map.entry("softmax parts shared(1)", "18b344ea9696679f a47ac5b353f3b8db abe39391f890214c"),
            Map.entry("gather(1)", "02ebfc9629916eb0 3df33d4ffc8fc656 f8ffeb52ec944406"),
            Map.entry("add", "d684422be7d1b70b 2a690c02d80bf4db 6d72e8014fe5e40c 46fca14947c7f756 5bb1510741d8c893 75d0233164d30d2f"),
            Map.entry("sub", "123a6743875c0b46 ee3ca1a48329d27d ec0d5305b1f52aca 5443ead5384d7d25 e1ed371e6eafb957 7c84894558fbd439"),
            Map.entry("mul", "951c7df35a52856d f5ceca9508268d87 7a1cd5ab0d7c2834 e6d4d9bea57531a1 7193318a6686df52 ee1e40f9cb5e3010"),
            Map.entry("div", "efa206e8e5dc3eaf 8e04cd91a11ea310 4cb96c7c806ff0a4 7d6f472e5f5173c4 94633cf1daeba33e 8af22e910942110d"),
            Map.entry("max", "e2aca081f50c02e1 c3fb5b287393e127 3226c3393a931c32 963c50fcd32a791e a31dcaaa7219741f 022e4cb989fa2720"),
            Map.entry("min", "270d821217890501 7a90a080aad8e916 0ea4df8e32ea248a 68874fbc8ec4441c ef4236d48e1daf34 c50568262be1031c"),
            Map.entry("xlogy", "49394ae8cb94d78b 80ec7ee52410fe91 25eb64a0a3d283f5 7a746f258c41c743 c330527b59519ff2 4040dc48b8aa96af"),
            Map.entry("where(greaterThan)", "e2aca081f50c02e1 c3fb5b287393e127 3226c3393a931c32 963c50fcd32a791e 9a7ed2f50f06137f 022e4cb989fa2720"),
            Map.entry("where(lessThan(c))", "d9f65873f98f5fc5 40a57329efca0aa3 a95eaa6acc0621c3 e6ec84d40c939e80 9deb914efcf28f37 022e4cb989fa2720"),
            Map.entry("where(equalTo(c))", "7a90a080aad8e916 7a90a080aad8e916 72842e21beec277b 2634ad8dbd89e49f 8083b5cfb030eaf3 022e4cb989fa2720"),
            Map.entry("matmul", "b12f159df2d3f239 b7013ced9d564f51"),
            Map.entry("oneHot", "9a5a1eba5a0726c9"));

    @Test
    void everyOpGivesTheSameBitsAsBeforeTheSplitByOpFamily() {
        Map<String, String> actual = new LinkedHashMap<>();
        Tensor[] unaryInputs = {ORDINARY, POSITIVE, EXTREME};
        unaryOps().forEach((name, op) -> {
            StringBuilder prints = new StringBuilder();
            for (Tensor x : unaryInputs) {
                prints.append(prints.isEmpty() ? "" : " ").append(fingerprint(op, x));
            }
            actual.put(name, prints.toString());
        });
        Tensor[][] binaryInputs = {
            {ORDINARY, OTHER}, {POSITIVE, OTHER}, {ORDINARY, row(OTHER)}, {column(POSITIVE), ORDINARY},
            {EXTREME, negated(EXTREME)}, {Tensor.scalar(0.25), POSITIVE}};
        binaryOps().forEach((name, op) -> {
            StringBuilder prints = new StringBuilder();
            for (Tensor[] xy : binaryInputs) {
                prints.append(prints.isEmpty() ? "" : " ").append(fingerprint(op, xy));
            }
            actual.put(name, prints.toString());
        });
        actual.put("matmul", fingerprint(x -> x.get(0).matmul(x.get(1)), ORDINARY, RIGHT)
                + " " + fingerprint(x -> x.get(0).matmul(x.get(1)), random(7, 9, -2, 2, 5), random(9, 11, -2, 2, 6)));
        actual.put("oneHot", fingerprint(x -> x.get(0).add(Graph.constant(Tensor.of(indices(new int[] {3, 4})))
                .oneHot(4).sum(1)), Tensor.of(1, 2, 3)));
        StringBuilder report = new StringBuilder();
        actual.forEach((name, prints) -> report.append("Map.entry(\"").append(name).append("\", \"").append(prints).append("\"),\n"));
        for (Map.Entry<String, String> e : actual.entrySet()) {
            assertEquals(EXPECTED.get(e.getKey()), e.getValue(), e.getKey() + "; all fingerprints now:\n" + report);
        }
    }

    /** Value and every input's gradient, seeded by fixed weights, hashed (SHA-256, first 8 bytes) bit for bit. */
    private static String fingerprint(Function<List<Node>, Node> op, Tensor... inputs) {
        List<Node> leaves = Arrays.stream(inputs).map(Graph::variable).toList();
        Node y = op.apply(leaves);
        y.mul(Graph.constant(random(y.value().size(), 0.5, 1.5, 9).reshape(y.shape()))).sum().backward();
        ByteBuffer bits = ByteBuffer.allocate(Double.BYTES * (y.value().size() + leaves.stream().mapToInt(l -> l.value().size()).sum()));
        put(bits, y.value());
        for (Node leaf : leaves) {
            put(bits, leaf.gradient());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bits.array());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static void put(ByteBuffer bits, Tensor t) {
        for (int i = 0; i < t.size(); i++) {
            bits.putLong(Double.doubleToLongBits(t.getFlat(i)));
        }
    }

    private static Tensor random(int rows, int columns, double low, double high, long seed) {
        return random(rows * columns, low, high, seed).reshape(rows, columns);
    }

    private static Tensor random(int size, double low, double high, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextDouble(low, high);
        }
        return Tensor.wrap(values, size);
    }

    private static Tensor negated(Tensor t) {
        double[] values = t.toArray();
        for (int i = 0; i < values.length; i++) {
            values[i] = -values[i];
        }
        return Tensor.wrap(values, t.shape());
    }

    private static Tensor row(Tensor matrix) {
        return random(matrix.shape()[1], -4, 4, 7);
    }

    private static Tensor column(Tensor matrix) {
        return random(matrix.shape()[0], 0.05, 5, 8).reshape(matrix.shape()[0], 1);
    }
}
