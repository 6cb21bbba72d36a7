package dev.xent.train;

/**
 * The loss gave a NaN or infinite value or gradient on finite logits: a loss on logits is finite
 * there by definition, so the loss (typically a plugin's), not the training, is at fault.
 */
public final class NonFiniteLossException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String lossName;
    private final String what;
    private final long line;
    private final int row;
    private final double value;

    /**
     * @param lossName the loss's name
     * @param what     "loss" or "gradient"
     * @param line     the data file line of the first such row (0 when unknown)
     * @param row      the row's index in the rows trained on, for when the line is unknown
     * @param value    the value
     */
    NonFiniteLossException(String lossName, String what, long line, int row, double value) {
        super(message(lossName, what, line > 0 ? "line " + line : "row " + row, value));
        this.lossName = lossName;
        this.what = what;
        this.line = line;
        this.row = row;
        this.value = value;
    }

    /** The message with the data file's name before the line. */
    public String messageIn(String file) {
        return message(lossName, what, line > 0 ? file + " line " + line : "row " + row + " of " + file, value);
    }

    private static String message(String lossName, String what, String where, double value) {
        return lossName + ": the " + what + " is " + value + " at " + where + ", where the model's logits are finite: "
                + "the loss gives a non-finite value that its input does not justify";
    }
}
