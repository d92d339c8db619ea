package dev.boomerang.segment;

import dev.boomerang.definition.DefinitionError;
import java.util.List;

/** Segment definitions or an ad-hoc rule with mistakes: all of them, in source order. */
public class InvalidSegmentException extends RuntimeException {

    private final List<DefinitionError> errors;

    public InvalidSegmentException(List<DefinitionError> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    public List<DefinitionError> errors() {
        return errors;
    }

    private static String summary(List<DefinitionError> errors) {
        StringBuilder text = new StringBuilder(errors.size() == 1 ? "1 error in segment definitions"
                : errors.size() + " errors in segment definitions");
        for (DefinitionError error : errors) {
            text.append(System.lineSeparator()).append("  ").append(error);
        }
        return text.toString();
    }
}
