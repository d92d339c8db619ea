package dev.boomerang.campaign.internal;

import dev.boomerang.definition.DefinitionError;
import java.util.List;

/** Campaign definitions with mistakes, all of them; thrown to stop the server's start. */
class InvalidCampaignsException extends RuntimeException {

    private final List<DefinitionError> errors;

    InvalidCampaignsException(List<DefinitionError> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    List<DefinitionError> errors() {
        return errors;
    }

    static String summary(List<DefinitionError> errors) {
        StringBuilder text = new StringBuilder(errors.size() == 1 ? "1 mistake in campaign definitions:"
                : errors.size() + " mistakes in campaign definitions:");
        for (DefinitionError error : errors) {
            text.append(System.lineSeparator()).append("  ").append(error);
        }
        return text.toString();
    }
}
