package dev.xent.core;

import java.util.Locale;

/**
 * How per-sample losses {@code l_i} become one number. With sample weights {@code s_i} (one per row,
 * default 1) and the loss's own mean weights {@code m_i} (default 1; e.g. class weights, or 0 for an
 * ignored row, see {@link Loss#meanWeights}):
 * <ul>
 *   <li>{@link #MEAN}: {@code sum_i s_i l_i / sum_i s_i m_i} (a zero denominator is an error);</li>
 *   <li>{@link #SUM}: {@code sum_i s_i l_i};</li>
 *   <li>{@link #NONE}: no scalar; {@link Loss#perSample} gives the losses and {@link Loss#gradient}
 *       gives {@code d(sum_i s_i l_i)/dp}, each element's gradient of its own loss.</li>
 * </ul>
 * For element-wise losses on a matrix the row's weight applies to each of its elements.
 * In JSON the names are lower case: {@code "mean"}, {@code "sum"}, {@code "none"}.
 */
public enum Reduction {
    MEAN, SUM, NONE;

    /** The JSON name: {@code mean}, {@code sum} or {@code none}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a JSON name; an unknown name is an error listing the allowed ones. */
    public static Reduction fromJsonName(String name) {
        for (Reduction r : values()) {
            if (r.jsonName().equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown reduction '" + name + "'; allowed: mean, sum, none");
    }
}
