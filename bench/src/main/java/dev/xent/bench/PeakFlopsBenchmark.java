package dev.xent.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floating-point peak of one core, measured: twelve independent chains of {@code s = s y + z} on
 * {@link DoubleVector#SPECIES_PREFERRED} lanes, enough chains to hide the latency of the units, no
 * memory traffic. Reported in operations per nanosecond = GFLOP/s (two per lane and step):
 * {@code fusedMultiplyAdd} with one rounding ({@code fma}), {@code multiplyThenAdd} with two ({@code mul}
 * then {@code add}, the operations {@code MatrixProduct} uses to keep the graph's bits). Run with
 * {@code -t 2} for both cores.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class PeakFlopsBenchmark {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int STEPS = 1000;
    private static final int FLOPS = STEPS * 12 * 2 * 4; // chains x (multiply + add) x lanes of AVX2

    public double y = 0.999999;
    public double z = 1e-6;

    @Benchmark
    @OperationsPerInvocation(FLOPS)
    public double fusedMultiplyAdd() {
        DoubleVector vy = DoubleVector.broadcast(SPECIES, y);
        DoubleVector vz = DoubleVector.broadcast(SPECIES, z);
        DoubleVector s0 = vz.add(0.0), s1 = vz.add(1.0), s2 = vz.add(2.0), s3 = vz.add(3.0);
        DoubleVector s4 = vz.add(4.0), s5 = vz.add(5.0), s6 = vz.add(6.0), s7 = vz.add(7.0);
        DoubleVector s8 = vz.add(8.0), s9 = vz.add(9.0), s10 = vz.add(10.0), s11 = vz.add(11.0);
        for (int step = 0; step < STEPS; step++) {
            s0 = s0.fma(vy, vz); s1 = s1.fma(vy, vz); s2 = s2.fma(vy, vz); s3 = s3.fma(vy, vz);
            s4 = s4.fma(vy, vz); s5 = s5.fma(vy, vz); s6 = s6.fma(vy, vz); s7 = s7.fma(vy, vz);
            s8 = s8.fma(vy, vz); s9 = s9.fma(vy, vz); s10 = s10.fma(vy, vz); s11 = s11.fma(vy, vz);
        }
        return s0.add(s1).add(s2).add(s3).add(s4).add(s5).add(s6).add(s7).add(s8).add(s9).add(s10).add(s11)
                .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }

    @Benchmark
    @OperationsPerInvocation(FLOPS)
    public double multiplyThenAdd() {
        DoubleVector vy = DoubleVector.broadcast(SPECIES, y);
        DoubleVector vz = DoubleVector.broadcast(SPECIES, z);
        DoubleVector s0 = vz.add(0.0), s1 = vz.add(1.0), s2 = vz.add(2.0), s3 = vz.add(3.0);
        DoubleVector s4 = vz.add(4.0), s5 = vz.add(5.0), s6 = vz.add(6.0), s7 = vz.add(7.0);
        DoubleVector s8 = vz.add(8.0), s9 = vz.add(9.0), s10 = vz.add(10.0), s11 = vz.add(11.0);
        for (int step = 0; step < STEPS; step++) {
            s0 = s0.mul(vy).add(vz); s1 = s1.mul(vy).add(vz); s2 = s2.mul(vy).add(vz); s3 = s3.mul(vy).add(vz);
            s4 = s4.mul(vy).add(vz); s5 = s5.mul(vy).add(vz); s6 = s6.mul(vy).add(vz); s7 = s7.mul(vy).add(vz);
            s8 = s8.mul(vy).add(vz); s9 = s9.mul(vy).add(vz); s10 = s10.mul(vy).add(vz); s11 = s11.mul(vy).add(vz);
        }
        return s0.add(s1).add(s2).add(s3).add(s4).add(s5).add(s6).add(s7).add(s8).add(s9).add(s10).add(s11)
                .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
