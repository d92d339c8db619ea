package dev.boomerang.segment.internal;

import dev.boomerang.segment.InvalidSegmentException;
import dev.boomerang.definition.DefinitionError;
import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Startup refused for bad segment definitions: every mistake, and what to do, instead of a stack trace. */
class InvalidSegmentsFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSegmentException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSegmentException cause) {
        String errors = cause.errors().stream().map(DefinitionError::toString).collect(Collectors.joining("\n  ", "  ", ""));
        return new FailureAnalysis("Boomerang will not start with mistakes in its segment definitions (" + cause.errors().size()
                + "):\n" + errors, "Fix the definitions above (`java -jar boomerang.jar segments validate` lists them) and start again.",
                cause);
    }
}
