package dev.boomerang.campaign.internal;

import dev.boomerang.definition.DefinitionError;
import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Startup refused for bad campaign definitions: every mistake, and what to do, instead of a stack trace. */
class InvalidCampaignsFailureAnalyzer extends AbstractFailureAnalyzer<InvalidCampaignsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidCampaignsException cause) {
        String errors = cause.errors().stream().map(DefinitionError::toString).collect(Collectors.joining("\n  ", "  ", ""));
        return new FailureAnalysis("Boomerang will not start with mistakes in its campaign definitions (" + cause.errors().size()
                + "):\n" + errors, "Fix the definitions above (`java -jar boomerang.jar campaigns validate` lists them) and start again.",
                cause);
    }
}
