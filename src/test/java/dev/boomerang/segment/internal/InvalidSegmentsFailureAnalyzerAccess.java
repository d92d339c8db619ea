package dev.boomerang.segment.internal;

import org.springframework.boot.diagnostics.FailureAnalysis;

/** Lets tests outside the package run the failure analyzer Spring Boot finds through spring.factories. */
public final class InvalidSegmentsFailureAnalyzerAccess {

    public FailureAnalysis analyze(Throwable failure) {
        return new InvalidSegmentsFailureAnalyzer().analyze(failure);
    }
}
