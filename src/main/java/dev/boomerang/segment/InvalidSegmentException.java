package dev.boomerang.segment;

import java.util.List;

/** Segment definitions or an ad-hoc rule with mistakes: all of them, in source order. */
public class InvalidSegmentException extends RuntimeException {

    private final List<SegmentError> errors;

    public InvalidSegmentException(List<SegmentError> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    public List<SegmentError> errors() {
        return errors;
    }

    private static String summary(List<SegmentError> errors) {
        StringBuilder text = new StringBuilder(errors.size() == 1 ? "1 error in segment definitions"
                : errors.size() + " errors in segment definitions");
        for (SegmentError error : errors) {
            text.append(System.lineSeparator()).append("  ").append(error);
        }
        return text.toString();
    }
}
