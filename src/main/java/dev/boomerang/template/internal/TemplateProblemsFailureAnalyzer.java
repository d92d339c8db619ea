package dev.boomerang.template.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says plainly why Boomerang did not start when its templates are broken, instead of a stack trace. */
class TemplateProblemsFailureAnalyzer extends AbstractFailureAnalyzer<TemplateProblemsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TemplateProblemsException cause) {
        return new FailureAnalysis(cause.getMessage(), "Fix the templates named above (see " + cause.folder()
                .resolve("README.md") + "), or point boomerang.template.location at a folder of working templates.", cause);
    }
}
