package dev.xent.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xent.core.Loss;
import dev.xent.core.Tensor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import scala.jdk.javaapi.CollectionConverters;

class LossAggregatesTest {
    private static final int ROWS = 3000;
    private static final int CLASSES = 4;
    private static final SparkSession SPARK = SparkTestSession.spark();

    /** Rows of (segment, logit, probability, label, weight, class_logits, class_index, distribution). */
    private static final StructType SCHEMA = new StructType()
            .add("segment", DataTypes.StringType)
            .add("logit", DataTypes.DoubleType)
            .add("probability", DataTypes.DoubleType)
            .add("label", DataTypes.IntegerType)
            .add("weight", DataTypes.DoubleType)
            .add("class_logits", DataTypes.createArrayType(DataTypes.DoubleType))
            .add("class_index", DataTypes.LongType)
            .add("distribution", DataTypes.createArrayType(DataTypes.DoubleType))
            .add("class_probabilities", SQLDataTypes.VectorType());

    private static final List<Row> ROW_LIST = rows(ROWS, 20261203);

    private static List<Row> rows(int n, long seed) {
        Random random = new Random(seed);
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double logit = 3 * random.nextGaussian();
            double probability = 1 / (1 + Math.exp(-logit));
            int label = random.nextDouble() < probability ? 1 : 0;
            double weight = i % 17 == 0 ? 0.0 : 0.5 + random.nextDouble();
            List<Double> classLogits = new ArrayList<>();
            double[] exp = new double[CLASSES];
            double total = 0;
            for (int c = 0; c < CLASSES; c++) {
                double z = 2 * random.nextGaussian();
                classLogits.add(z);
                exp[c] = Math.exp(z);
                total += exp[c];
            }
            double[] probabilities = new double[CLASSES];
            for (int c = 0; c < CLASSES; c++) {
                probabilities[c] = exp[c] / total;
            }
            List<Double> distribution = new ArrayList<>();
            double dTotal = 0;
            double[] d = new double[CLASSES];
            for (int c = 0; c < CLASSES; c++) {
                d[c] = random.nextDouble();
                dTotal += d[c];
            }
            for (int c = 0; c < CLASSES; c++) {
                distribution.add(d[c] / dTotal);
            }
            out.add(RowFactory.create("s" + (i % 3), logit, probability, label, weight, classLogits,
                    (long) random.nextInt(CLASSES), distribution, Vectors.dense(probabilities)));
        }
        return out;
    }

    private static Dataset<Row> data(int partitions) {
        return SPARK.createDataFrame(ROW_LIST, SCHEMA).repartition(partitions);
    }

    /** The library's value on the rows of a segment (null: all), with or without weights. */
    private static double reference(Loss loss, String segment, String prediction, String target, boolean weighted) {
        List<Row> selected = ROW_LIST.stream().filter(r -> segment == null || r.getString(0).equals(segment)).toList();
        int p = SCHEMA.fieldIndex(prediction);
        int t = SCHEMA.fieldIndex(target);
        int n = selected.size();
        double[] weights = new double[n];
        Tensor predictions;
        Tensor targets;
        if (loss.inputSpace().isClassWise()) {
            double[][] pm = new double[n][];
            for (int i = 0; i < n; i++) {
                pm[i] = ValueKind.values(selected.get(i), p, prediction);
            }
            predictions = Tensor.of(pm);
            if (selected.get(0).get(t) instanceof Number) {
                double[] ti = new double[n];
                for (int i = 0; i < n; i++) {
                    ti[i] = ((Number) selected.get(i).get(t)).doubleValue();
                }
                targets = Tensor.of(ti);
            } else {
                double[][] tm = new double[n][];
                for (int i = 0; i < n; i++) {
                    tm[i] = ValueKind.values(selected.get(i), t, target);
                }
                targets = Tensor.of(tm);
            }
        } else {
            double[] pv = new double[n];
            double[] tv = new double[n];
            for (int i = 0; i < n; i++) {
                pv[i] = ((Number) selected.get(i).get(p)).doubleValue();
                tv[i] = ((Number) selected.get(i).get(t)).doubleValue();
            }
            predictions = Tensor.of(pv);
            targets = Tensor.of(tv);
        }
        for (int i = 0; i < n; i++) {
            weights[i] = weighted ? selected.get(i).getDouble(4) : 1.0;
        }
        return loss.value(predictions, targets, weighted ? Tensor.of(weights) : null);
    }

    private static void assertRelative(double expected, double actual) {
        assertEquals(expected, actual, 1e-12 * Math.abs(expected), () -> "expected " + expected + " got " + actual);
    }

    private static double single(Dataset<Row> data, Column aggregate) {
        return data.agg(aggregate).first().getDouble(0);
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 2, 7})
    void everyKindOfLossAgreesWithTheLibraryOnOneTwoAndSevenPartitions(int partitions) {
        Dataset<Row> data = data(partitions).cache();
        List<Object[]> cases = List.of(
                new Object[] {LossSpec.of("bce", Map.of("from_logits", true, "pos_weight", 2.5)), "logit", "label"},
                new Object[] {LossSpec.of("focal", Map.of("gamma", 1.5, "alpha", 0.3)), "probability", "label"},
                new Object[] {LossSpec.of("bce", Map.of("from_logits", true, "reduction", "sum")), "logit", "label"},
                new Object[] {LossSpec.of("cross_entropy", Map.of("from_logits", true, "class_weights", List.of(1.0, 2.0, 0.5, 3.0),
                        "ignore_index", 2, "label_smoothing", 0.1)), "class_logits", "class_index"},
                new Object[] {LossSpec.of("cce", Map.of("from_logits", true)), "class_logits", "distribution"},
                new Object[] {LossSpec.of("focal_ce", Map.of("gamma", 2.0)), "class_probabilities", "class_index"});
        List<Column> aggregates = new ArrayList<>();
        List<Double> expected = new ArrayList<>();
        for (Object[] c : cases) {
            LossSpec spec = (LossSpec) c[0];
            String prediction = (String) c[1];
            String target = (String) c[2];
            for (boolean weighted : new boolean[] {false, true}) {
                double value = reference(spec.loss(), null, prediction, target, weighted);
                LossInputs inputs = LossInputs.of(data.schema(), spec, prediction, target, weighted ? "weight" : null);
                // Blocks of 100 rows: many block boundaries inside each partition.
                aggregates.add(LossAggregates.udaf(spec, inputs, 100).apply(args(prediction, target, weighted)));
                aggregates.add(LossAggregates.column(data, spec, prediction, target, weighted ? "weight" : null));
                expected.add(value);
                expected.add(value);
                LossSummary evaluated = LossAggregates.evaluate(data, spec, prediction, target, weighted ? "weight" : null);
                assertRelative(value, evaluated.getValue());
                assertEquals(ROWS, evaluated.getRows());
            }
        }
        // One job computes every aggregate.
        Row result = data.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new)).first();
        for (int i = 0; i < expected.size(); i++) {
            assertRelative(expected.get(i), result.getDouble(i));
        }
        data.unpersist();
    }

    private static Column[] args(String prediction, String target, boolean weighted) {
        return weighted ? new Column[] {functions.col(prediction), functions.col(target), functions.col("weight")}
                : new Column[] {functions.col(prediction), functions.col(target)};
    }

    @Test
    void insideAGroupByEachGroupGetsTheLibrarysValueOnItsRows() {
        LossSpec spec = LossSpec.of("cross_entropy", Map.of("from_logits", true, "class_weights", List.of(1.0, 2.0, 0.5, 3.0)));
        Dataset<Row> data = data(7);
        List<Row> groups = data.groupBy("segment")
                .agg(LossAggregates.column(data, spec, "class_logits", "class_index", "weight").as("loss"),
                        LossAggregates.column(LossSpec.of("bce", Map.of("from_logits", true)), "logit", "label").as("bce"))
                .collectAsList();
        assertEquals(3, groups.size());
        for (Row g : groups) {
            String segment = g.getString(0);
            assertRelative(reference(spec.loss(), segment, "class_logits", "class_index", true), g.getDouble(1));
            assertRelative(reference(LossSpec.of("bce", Map.of("from_logits", true)).loss(), segment, "logit", "label", false),
                    g.getDouble(2));
        }
    }

    @Test
    void sqlCallsARegisteredLossByNameWithItsParameters() {
        Dataset<Row> data = data(2);
        data.createOrReplaceTempView("predictions");
        LossAggregates.register(SPARK, "smoothed_bce", "bce", "{\"from_logits\": true, \"label_smoothing\": 0.1}",
                data.schema(), "logit", "label", "weight");
        LossAggregates.register(SPARK, "weighted_ce", "cross_entropy",
                "{\"from_logits\": true, \"class_weights\": [1.0, 2.0, 0.5, 3.0]}",
                data.schema(), "class_logits", "class_index", "weight");
        LossAggregates.register(SPARK, "log_loss", "cce", "{\"epsilon\": 1e-15}",
                data.schema(), "class_probabilities", "class_index", null);
        Dataset<Row> query = SPARK.sql("SELECT segment, smoothed_bce(logit, label, weight) AS loss,"
                + " weighted_ce(class_logits, class_index, weight) AS ce,"
                + " log_loss(class_probabilities, class_index) AS log_loss FROM predictions"
                + " GROUP BY segment ORDER BY segment");
        assertEquals(3, lossAggregateFunctions(query.queryExecution().analyzed()),
                "every loss is registered as the aggregate that reads internal rows");
        List<Row> groups = query.collectAsList();
        LossSpec spec = LossSpec.of("bce", Map.of("from_logits", true, "label_smoothing", 0.1));
        LossSpec ce = LossSpec.of("cross_entropy", Map.of("from_logits", true, "class_weights", List.of(1.0, 2.0, 0.5, 3.0)));
        LossSpec logLoss = LossSpec.of("cce", Map.of("epsilon", 1e-15));
        for (Row g : groups) {
            assertRelative(reference(spec.loss(), g.getString(0), "logit", "label", true), g.getDouble(1));
            assertRelative(reference(ce.loss(), g.getString(0), "class_logits", "class_index", true), g.getDouble(2));
            assertRelative(reference(logLoss.loss(), g.getString(0), "class_probabilities", "class_index", false),
                    g.getDouble(3));
        }
        assertEquals(3, groups.size());
        String m = SparkTestSession.messages(assertThrows(Exception.class,
                () -> SPARK.sql("SELECT weighted_ce(class_logits, class_index) FROM predictions").collectAsList()));
        assertTrue(m.contains("weighted_ce takes 3 arguments (prediction, target, weight), not 2"), m);
        m = SparkTestSession.messages(assertThrows(Exception.class,
                () -> SPARK.sql("SELECT log_loss(segment, class_index) FROM predictions").collectAsList()));
        assertTrue(m.contains("column 'segment' (prediction) has type string"), m);
        // A call reads its own arguments: here a distribution target, with the registered parameters.
        double distributions = SPARK.sql("SELECT log_loss(class_probabilities, distribution) FROM predictions")
                .first().getDouble(0);
        assertRelative(reference(logLoss.loss(), null, "class_probabilities", "distribution", false), distributions);
    }

    /** How many {@link LossAggregateFunction}s the plan's expressions hold. */
    private static int lossAggregateFunctions(LogicalPlan plan) {
        int count = 0;
        for (Expression e : CollectionConverters.asJava(plan.expressions())) {
            count += lossAggregateFunctions(e);
        }
        for (LogicalPlan child : CollectionConverters.asJava(plan.children())) {
            count += lossAggregateFunctions(child);
        }
        return count;
    }

    private static int lossAggregateFunctions(Expression expression) {
        int count = expression instanceof LossAggregateFunction ? 1 : 0;
        for (Expression child : CollectionConverters.asJava(expression.children())) {
            count += lossAggregateFunctions(child);
        }
        return count;
    }

    @Test
    void mllibsWeightedLogLossAgreesWithCategoricalCrossEntropyOnProbabilities() {
        Dataset<Row> data = data(2).withColumn("label_double", functions.col("class_index").cast("double"));
        double mllib = new MulticlassClassificationEvaluator().setMetricName("logLoss")
                .setProbabilityCol("class_probabilities").setLabelCol("label_double").setWeightCol("weight")
                .setPredictionCol("label_double").evaluate(data);
        double xent = single(data, LossAggregates.column(data, LossSpec.of("cce", Map.of("epsilon", 1e-15)),
                "class_probabilities", "class_index", "weight"));
        assertEquals(mllib, xent, 1e-12 * mllib);
    }

    @Test
    void sparseAndDenseVectorsAndArraysOfAnyNullabilityAndNumberTypeAreReadAsTheirValues() {
        StructType schema = new StructType().add("v", SQLDataTypes.VectorType())
                .add("exact", DataTypes.createArrayType(DataTypes.DoubleType, false))
                .add("single", DataTypes.createArrayType(DataTypes.FloatType, true))
                .add("d", DataTypes.createArrayType(DataTypes.DoubleType, false))
                .add("k", DataTypes.IntegerType);
        Dataset<Row> data = tiny(schema,
                RowFactory.create(Vectors.sparse(4, new int[] {0, 2}, new double[] {0.25, 0.75}),
                        List.of(0.25, 0.0, 0.75, 0.0), List.of(0.25f, 0f, 0.75f, 0f), List.of(0.5, 0.0, 0.5, 0.0), 2),
                RowFactory.create(Vectors.dense(0.125, 0.5, 0.125, 0.25), List.of(0.125, 0.5, 0.125, 0.25),
                        List.of(0.125f, 0.5f, 0.125f, 0.25f), List.of(0.0, 1.0, 0.0, 0.0), 1)).repartition(2);
        LossSpec cce = LossSpec.of("cce", Map.of("epsilon", 1e-15));
        Tensor p = Tensor.of(new double[][] {{0.25, 0, 0.75, 0}, {0.125, 0.5, 0.125, 0.25}});
        double byIndex = cce.loss().value(p, Tensor.of(new double[] {2, 1}), null);
        double byDistribution = cce.loss().value(p, Tensor.of(new double[][] {{0.5, 0, 0.5, 0}, {0, 1, 0, 0}}), null);
        Row result = data.agg(LossAggregates.column(data, cce, "v", "k", null),
                LossAggregates.column(data, cce, "exact", "k", null), LossAggregates.column(data, cce, "single", "k", null),
                LossAggregates.column(data, cce, "v", "d", null)).first();
        assertRelative(byIndex, result.getDouble(0));
        assertRelative(byIndex, result.getDouble(1));
        assertRelative(byIndex, result.getDouble(2));
        assertRelative(byDistribution, result.getDouble(3));

        StructType nullable = new StructType().add("z", DataTypes.createArrayType(DataTypes.DoubleType, true))
                .add("k", DataTypes.IntegerType);
        Dataset<Row> withNullElement = tiny(nullable, RowFactory.create(java.util.Arrays.asList(0.5, null, 0.5), 0));
        String m = failure(withNullElement, LossAggregates.column(withNullElement, cce, "z", "k", null));
        assertTrue(m.contains("column 'z' has a null element at index 1"), m);
    }

    @Test
    void numberColumnsOfAnyNumericTypeAreReadAsTheirValuesAndOtherTypesFailAtAnalysis() {
        StructType schema = new StructType().add("p", DataTypes.FloatType).add("y", DataTypes.IntegerType)
                .add("w", DataTypes.LongType).add("d", DataTypes.createDecimalType(10, 3))
                .add("text", DataTypes.StringType);
        Dataset<Row> data = tiny(schema,
                RowFactory.create(0.25f, 0, 2L, new java.math.BigDecimal("1.500"), "a"),
                RowFactory.create(0.75f, 1, 1L, new java.math.BigDecimal("0.250"), "b"),
                RowFactory.create(0.5f, 1, 3L, new java.math.BigDecimal("2.000"), "c")).repartition(2);
        LossSpec bce = LossSpec.of("bce");
        Tensor p = Tensor.of(new double[] {0.25, 0.75, 0.5});
        Tensor y = Tensor.of(new double[] {0, 1, 1});
        Row result = data.agg(LossAggregates.column(bce, "p", "y", "w"), LossAggregates.column(bce, "p", "y", "d"),
                LossAggregates.column(bce, "p", "y")).first();
        assertRelative(bce.loss().value(p, y, Tensor.of(new double[] {2, 1, 3})), result.getDouble(0));
        assertRelative(bce.loss().value(p, y, Tensor.of(new double[] {1.5, 0.25, 2})), result.getDouble(1));
        assertRelative(bce.loss().value(p, y, null), result.getDouble(2));
        // A column made without the schema is checked when Spark analyses the query: no silent cast of text.
        String m = failure(data, LossAggregates.column(bce, "text", "y"));
        assertTrue(m.contains("column 'text' (prediction) has type string"), m);
    }

    /** A bean whose encoder orders its columns alphabetically: label before probability. */
    public static final class Scored implements Serializable {
        private static final long serialVersionUID = 1L;
        private double probability;
        private double label;

        public Scored() {
        }

        Scored(double probability, double label) {
            this.probability = probability;
            this.label = label;
        }

        public double getProbability() {
            return probability;
        }

        public void setProbability(double probability) {
            this.probability = probability;
        }

        public double getLabel() {
            return label;
        }

        public void setLabel(double label) {
            this.label = label;
        }
    }

    @Test
    void columnsAreBoundByNameEvenWhenABeanEncoderSortsThemAlphabetically() {
        List<Scored> beans = new ArrayList<>();
        Random random = new Random(3);
        double[] p = new double[200];
        double[] y = new double[200];
        for (int i = 0; i < 200; i++) {
            p[i] = 0.05 + 0.9 * random.nextDouble();
            y[i] = random.nextDouble() < p[i] ? 1 : 0;
            beans.add(new Scored(p[i], y[i]));
        }
        Dataset<Scored> data = SPARK.createDataset(beans, Encoders.bean(Scored.class));
        assertEquals(List.of("label", "probability"), List.of(data.columns()));
        LossSpec bce = LossSpec.of("bce");
        double expected = bce.loss().value(Tensor.of(p), Tensor.of(y));
        assertRelative(expected, data.agg(LossAggregates.column(bce, "probability", "label")).first().getDouble(0));
        // What a positional binding of the encoder's order computes: labels scored as predictions.
        Column positional = LossAggregates.udaf(bce, LossInputs.of(bce, "probability", "label", null))
                .apply(functions.col(data.columns()[0]), functions.col(data.columns()[1]));
        assertNotEquals(expected, data.agg(positional).first().getDouble(0), 1e-3);
    }

    private static String failure(Dataset<Row> data, Column aggregate) {
        Exception e = assertThrows(Exception.class, () -> data.agg(aggregate).collectAsList());
        return SparkTestSession.messages(e);
    }

    private static Dataset<Row> tiny(StructType schema, Row... rows) {
        return SPARK.createDataFrame(List.of(rows), schema);
    }

    @Test
    void badDataIsAnErrorNamingTheColumnAndTheRowsValues() {
        StructType schema = new StructType().add("p", DataTypes.DoubleType).add("y", DataTypes.DoubleType)
                .add("w", DataTypes.DoubleType);
        Dataset<Row> nan = tiny(schema, RowFactory.create(0.2, 0.0, 1.0), RowFactory.create(Double.NaN, 1.0, 1.0));
        String m = failure(nan, LossAggregates.column(LossSpec.of("bce", Map.of("from_logits", true)), "p", "y"));
        assertTrue(m.contains("binary_cross_entropy: bad row (p = NaN, y = 1.0)"), m);

        Dataset<Row> outside = tiny(schema, RowFactory.create(1.5, 1.0, 1.0));
        m = failure(outside, LossAggregates.column(LossSpec.of("bce"), "p", "y"));
        assertTrue(m.contains("bad row (p = 1.5, y = 1.0)") && m.contains("1.5"), m);

        Dataset<Row> negative = tiny(schema, RowFactory.create(0.5, 1.0, -2.0));
        m = failure(negative, LossAggregates.column(LossSpec.of("bce"), "p", "y", "w"));
        assertTrue(m.contains("column 'w' (weight) is -2.0; allowed: finite and >= 0"), m);

        Dataset<Row> withNull = tiny(schema, RowFactory.create(null, 1.0, 1.0));
        m = failure(withNull, LossAggregates.column(LossSpec.of("bce"), "p", "y"));
        assertTrue(m.contains("column 'p' (prediction) is null"), m);

        StructType classSchema = new StructType().add("z", DataTypes.createArrayType(DataTypes.DoubleType))
                .add("k", DataTypes.IntegerType);
        Dataset<Row> outOfRange = tiny(classSchema, RowFactory.create(List.of(0.1, 0.2, 0.3), 3));
        m = failure(outOfRange, LossAggregates.column(outOfRange, LossSpec.of("cce", Map.of("from_logits", true)), "z", "k", null));
        assertTrue(m.contains("bad row (z = [0.1, 0.2, 0.3], k = 3.0)"), m);
        // Probabilities with class indices run the value-only kernel, which checks them as it reads them.
        Dataset<Row> badProbability = tiny(classSchema, RowFactory.create(List.of(0.5, 0.5, 0.0), 1),
                RowFactory.create(List.of(0.5, 0.7, -0.2), 0));
        m = failure(badProbability, LossAggregates.column(badProbability, LossSpec.of("cce"), "z", "k", null));
        assertTrue(m.contains("bad row (z = [0.5, 0.7, -0.2], k = 0.0): probability at row 0, column 2 is -0.2;"
                + " allowed: [0, 1]"), m);
        Dataset<Row> badSum = tiny(classSchema, RowFactory.create(List.of(0.5, 0.25, 0.0), 1));
        m = failure(badSum, LossAggregates.column(badSum, LossSpec.of("cce"), "z", "k", null));
        assertTrue(m.contains("bad row (z = [0.5, 0.25, 0.0], k = 1.0): probability row 0 sums to 0.75;"
                + " rows must sum to 1 (within 1.0E-6)"), m);

        StructType text = new StructType().add("p", DataTypes.StringType).add("y", DataTypes.DoubleType);
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> LossAggregates.column(tiny(text), LossSpec.of("bce"), "p", "y", null));
        assertEquals("column 'p' (prediction) has type string; allowed: a number, an array of numbers or an ML Vector",
                type.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> LossAggregates.column(tiny(text), LossSpec.of("bce"), "q", "y", null));
        assertEquals("no column 'q'; columns present: p, y", missing.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> LossAggregates.column(outOfRange, LossSpec.of("bce"), "z", "k", null));
        assertEquals("binary_cross_entropy is element-wise: column 'z' must hold one number per row, not an array",
                shape.getMessage());
    }

    @Test
    void evaluateGivesTheLibrarysOneLineErrorForBadDataMissingColumnsAndNoRows() {
        StructType schema = new StructType().add("p", DataTypes.DoubleType).add("y", DataTypes.DoubleType)
                .add("w", DataTypes.DoubleType);
        LossSpec logits = LossSpec.of("bce", Map.of("from_logits", true));
        Dataset<Row> nan = tiny(schema, RowFactory.create(0.2, 0.0, 1.0), RowFactory.create(Double.NaN, 1.0, 1.0));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> LossAggregates.evaluate(nan, logits, "p", "y", null));
        assertTrue(bad.getMessage().startsWith("binary_cross_entropy: bad row (p = NaN, y = 1.0)"), bad.getMessage());
        assertTrue(!bad.getMessage().contains("\n"), bad.getMessage());
        IllegalArgumentException weight = assertThrows(IllegalArgumentException.class,
                () -> LossAggregates.evaluate(tiny(schema, RowFactory.create(0.5, 1.0, -2.0)), logits, "p", "y", "w"));
        assertEquals("column 'w' (weight) is -2.0; allowed: finite and >= 0", weight.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> LossAggregates.evaluate(nan, logits, "q", "y", null));
        assertEquals("no column 'q'; columns present: p, y, w", missing.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> LossAggregates.evaluate(tiny(schema), logits, "p", "y", null));
        assertEquals("binary_cross_entropy: the data set has no rows: there is nothing to evaluate", empty.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> LossAggregates.evaluate(tiny(schema, RowFactory.create(0.5, 1.0, 0.0)), logits, "p", "y", "w"));
        assertTrue(zero.getMessage().contains("every sample weight in column 'w' is zero over 1 rows"), zero.getMessage());
    }

    @Test
    void noRowsGiveNullAndOnlyZeroWeightsAreAnError() {
        StructType schema = new StructType().add("p", DataTypes.DoubleType).add("y", DataTypes.DoubleType)
                .add("w", DataTypes.DoubleType);
        assertNull(tiny(schema).agg(LossAggregates.column(LossSpec.of("bce"), "p", "y")).first().get(0));
        String m = failure(tiny(schema, RowFactory.create(0.5, 1.0, 0.0)),
                LossAggregates.column(LossSpec.of("bce"), "p", "y", "w"));
        assertTrue(m.contains("every sample weight in column 'w' is zero over 1 rows"), m);
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> LossAggregates.column(LossSpec.of("bce", Map.of("reduction", "none")), "p", "y"));
        assertTrue(none.getMessage().contains("reduction none gives no single value"), none.getMessage());
    }

    @Test
    void jsonParametersAreReadAsTheLibrarysParameters() {
        LossSpec spec = LossSpec.fromJson("categorical_cross_entropy", "{\"class_weights\": [1, 2.5], \"ignore_index\": 1}");
        assertEquals(List.of(1.0, 2.5), spec.loss().parameters().get("class_weights"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> LossSpec.fromJson("bce", "{\"from_logits\": tru}"));
        assertTrue(bad.getMessage().startsWith("bce: malformed JSON parameters at line 1, column"), bad.getMessage());
    }
}
