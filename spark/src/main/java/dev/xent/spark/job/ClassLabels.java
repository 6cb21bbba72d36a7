package dev.xent.spark.job;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/** Class labels to class indices, as the CLI's {@code data.classes}: the position of the cell's text in the list. */
final class ClassLabels {
    private ClassLabels() {
    }

    /**
     * The index of {@code label}'s text in {@code classes}; a label not in the list fails the query
     * with an error naming the column, the label and the classes.
     */
    static Column index(Column label, List<String> classes, String column) {
        Column text = label.cast("string");
        Column position = functions.array_position(functions.array(classes.stream().map(functions::lit)
                .toArray(Column[]::new)), text);
        return functions.when(position.gt(0), position.minus(1).cast("double"))
                .otherwise(functions.raise_error(functions.concat(functions.lit("column '" + column
                        + "': unknown class label '"), functions.coalesce(text, functions.lit("null")),
                        functions.lit("'; classes: " + String.join(", ", classes)))).cast("double"));
    }
}
