package dev.xent.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * CSV cells are parsed with FastDoubleParser for speed, from texts and from the bytes of simple
 * lines; both must accept exactly the decimal numbers and the NaN/infinity spellings of
 * {@link DecimalText} (a regular expression here) and give what {@link Double#parseDouble} gives for
 * them: the same bits for every accepted text and a {@link NumberFormatException} for the others.
 */
class NumberParsingTest {

    @Test
    void trickyTextsParseToTheSameBitsOrFailTheSameWay() {
        List<String> texts = List.of(
                "0", "-0", "+0", "0.0", "-0.0", "00000.000e-5", "1", "-1", "+1", ".5", "5.", "-.5e-3", "1e0", "1E+2",
                "0.1", "0.2", "0.3", "1e23", "8.41e21", "9007199254740993", "9007199254740992.5", "123456789012345678901234",
                // Limits: the largest double, and just below and above the point where rounding gives infinity.
                "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1e309", "-1e400",
                // Smallest normal and subnormals, and the halfway point below the smallest subnormal.
                "2.2250738585072014e-308", "2.2250738585072011e-308", "2.2250738585072012e-308", "4.9e-324",
                "2.4703282292062327e-324", "2.4703282292062328e-324", "1e-324", "1e-400",
                // Exact decimal expansion of 0.1 and of the halfway point between 1 and the next double.
                "0.1000000000000000055511151231257827021181583404541015625",
                "1.00000000000000011102230246251565404236316680908203125",
                "1.000000000000000111022302462515654042363166809082031250000000000000000000001",
                "0." + "0".repeat(400) + "1", "1" + "0".repeat(400), "9".repeat(800),
                // NaN and infinity spellings (the caller rejects them as not finite); Java's other syntax is not a number.
                "NaN", "Infinity", "-Infinity", "+Infinity", "nan", "-inf", "INF", "+NaN", "1d", "1f", "1D", "0.9f",
                "0x1p3", "0x1.8p-1", "0x1p-1", " 1 ", "\t2\n", "infinit", "nana", "1e5f",
                // Not numbers.
                "", " ", "-", "+", ".", "e5", "1e", "1e+", "1..2", "1.2.3", "--1", "1-", "1_000", "1,5", "0x", "nan",
                "infinity", "Inf", "1e5e5", "\u0661", "1 2", "abc",
                // Plain decimals (PlainDecimal's fast path) and the texts just outside it.
                "0.", ".0", "-.0", "+.5", "-5.", "007", "-0.000", "123456789012345", "-999999999999999",
                "1234567890123456", "12345678901234567890", "0.123456789012345", "0.1234567890123456",
                "0.000000000000001", "0.0000000000000001", "9007199254740991", "1.5-", "1+5", "-+1", "+-1", "1..",
                "..1", ".", "-.", "+.", "1.2e3", "1.2E-3", "1.2d", " 1.5", "1.5 ");
        for (String text : texts) {
            assertSameAsTheJdk(text);
        }
    }

    @Test
    void everyDoublesShortestTextParsesBackToTheSameBits() {
        qt().withFixedSeed(20261123L).withExamples(200_000).forAll(longs().all())
                .checkAssert(bits -> assertSameAsTheJdk(Double.toString(Double.longBitsToDouble(bits))));
    }

    @Test
    void everyDoublesSeventeenDigitTextParsesToTheSameBits() {
        qt().withFixedSeed(20261123L).withExamples(200_000).forAll(longs().all())
                .checkAssert(bits -> assertSameAsTheJdk(String.format(Locale.ROOT, "%.17g",
                        Double.longBitsToDouble(bits))));
    }

    @Test
    void plainDecimalsOfUpToEighteenDigitsParseToTheSameBits() {
        // Digits and a point anywhere (or none), both signs: PlainDecimal takes up to 15 digits, the rest
        // goes to FastDoubleParser; leading zeros count as digits.
        qt().withFixedSeed(20261123L).withExamples(200_000)
                .forAll(longs().between(0, 999_999_999_999_999_999L), integers().between(0, 19),
                        integers().between(0, 3), integers().between(0, 2))
                .checkAssert((digits, point, zeros, sign) -> {
                    String mantissa = "0".repeat(zeros) + digits;
                    int at = Math.min(point, mantissa.length());
                    String text = List.of("", "-", "+").get(sign) + mantissa.substring(0, at)
                            + (point > mantissa.length() + 1 ? "" : ".") + mantissa.substring(at);
                    assertSameAsTheJdk(text);
                });
    }

    @Test
    void eightDigitWordsAreRecognisedAndReadLikeLongParseLong() {
        // Words of digits, and words with one byte that is not a digit (bytes next to '0' and '9' included).
        qt().withFixedSeed(20261123L).withExamples(200_000)
                .forAll(longs().between(0, 99_999_999L), integers().between(-1, 7), integers().between(0, 255))
                .checkAssert((number, position, other) -> {
                    byte[] text = String.format(Locale.ROOT, "%08d", number).getBytes(StandardCharsets.US_ASCII);
                    if (position >= 0) {
                        text[position] = (byte) other.intValue();
                    }
                    long word = java.nio.ByteBuffer.wrap(text).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
                    boolean digits = new String(text, StandardCharsets.ISO_8859_1).chars().allMatch(c -> c >= '0' && c <= '9');
                    assertEquals(digits, PlainDecimal.eightDigits(word), () -> new String(text, StandardCharsets.ISO_8859_1));
                    if (digits) {
                        assertEquals(Long.parseLong(new String(text, StandardCharsets.US_ASCII)),
                                PlainDecimal.valueOfEightDigits(word));
                    }
                });
    }

    @Test
    void longDecimalTextsRoundCorrectly() {
        // Up to 19 significant digits with any exponent: beyond what a double holds, so rounding matters.
        qt().withFixedSeed(20261123L).withExamples(200_000)
                .forAll(longs().all(), integers().between(-345, 330), integers().between(0, 19))
                .checkAssert((digits, exponent, point) -> {
                    String mantissa = Long.toString(digits);
                    int at = Math.min(point, mantissa.length());
                    assertSameAsTheJdk(mantissa.substring(0, at) + "." + mantissa.substring(at) + "e" + exponent);
                });
    }

    @Test
    void exactHalfwayPointsBetweenNeighbouringDoublesRoundToEven() {
        qt().withFixedSeed(20261123L).withExamples(20_000).forAll(longs().between(1L, 0x7feffffffffffffeL))
                .checkAssert(bits -> {
                    double low = Double.longBitsToDouble(bits);
                    BigDecimal halfway = new BigDecimal(low).add(new BigDecimal(Math.nextUp(low)))
                            .divide(BigDecimal.valueOf(2));
                    assertSameAsTheJdk(halfway.toString());
                    assertSameAsTheJdk(halfway.toPlainString().length() < 2000 ? halfway.toPlainString() : "1");
                    assertSameAsTheJdk(halfway.toString().replace("E", "1E"));
                });
    }

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NAN = Pattern.compile("(?i)[+-]?nan");
    private static final Pattern INFINITY = Pattern.compile("(?i)[+-]?inf(inity)?");

    /** Both ways {@link Cells} parses: from a text, and from the bytes of a simple line (ASCII). */
    private static void assertSameAsTheJdk(String text) {
        String expected = parse(() -> {
            if (DECIMAL.matcher(text).matches()) {
                return Double.parseDouble(text);
            }
            if (NAN.matcher(text).matches()) {
                return Double.NaN;
            }
            if (INFINITY.matcher(text).matches()) {
                return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            throw new NumberFormatException(text);
        });
        assertEquals(expected, parse(() -> Cells.ofTexts(new String[] {text}).number(0)), () -> "'" + text + "'");
        if (StandardCharsets.US_ASCII.newEncoder().canEncode(text)) {
            byte[] line = ("x," + text + ",y").getBytes(StandardCharsets.US_ASCII);
            Cells cells = Cells.ofLine(line, new int[] {1, line.length - 2, line.length});
            assertEquals(expected, parse(() -> cells.number(1)), () -> "'" + text + "' as bytes");
        }
    }

    /** The bits of the parsed value in hex, or "rejected". */
    private static String parse(java.util.function.DoubleSupplier parser) {
        try {
            return Long.toHexString(Double.doubleToRawLongBits(parser.getAsDouble()));
        } catch (NumberFormatException e) {
            return "rejected";
        }
    }
}
