package dev.boomerang.template.internal;

import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * Before the server takes requests: puts the example templates in place when the templates folder does not
 * exist yet, then renders every template against the sample customers, and refuses to start when anything is
 * wrong (every problem listed with its file and line). The command line renders nothing and skips this.
 */
@Component
@ConditionalOnWebApplication
class TemplateStartup implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(TemplateStartup.class);

    private final ThymeleafMessageTemplates templates;
    private final FutureTask<List<String>> check;

    /**
     * Waits on the check {@link TemplateCheckStarter} began before the context was built, or starts one now, on a
     * thread of its own, beside the rest of the start (it needs no database).
     */
    TemplateStartup(ThymeleafMessageTemplates templates, TemplateProperties properties, Clock clock,
            ObjectProvider<TemplateCheckStarter.Running> running) {
        this.templates = templates;
        TemplateCheckStarter.Running started = running.getIfAvailable();
        if (started != null) {
            this.check = started.check();
        }
        else {
            this.check = new FutureTask<>(() -> check(templates, properties, clock));
            Thread.ofPlatform().name("template-check").daemon().start(check);
        }
    }

    /** Writes the examples into a missing folder, then renders everything; returns the problems found. */
    static List<String> check(ThymeleafMessageTemplates templates, TemplateProperties properties, Clock clock) {
        if (properties.installExamples() && !Files.exists(templates.root())) {
            int files = ExampleTemplates.install(templates.root());
            log.info("Wrote Boomerang's example templates ({} files) to {}", files, templates.root());
        }
        long started = System.nanoTime();
        List<String> problems = new TemplateChecks(templates, new SampleModels(properties, clock), properties).problems();
        if (problems.isEmpty()) {
            log.info("Checked {} message templates in {}: all render ({} ms)", templates.templates().size(),
                    templates.root(), (System.nanoTime() - started) / 1_000_000);
        }
        return problems;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> problems;
        try {
            problems = check.get();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the message templates", ex);
        }
        catch (ExecutionException ex) {
            throw ex.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("cannot check the message templates", ex.getCause());
        }
        if (!problems.isEmpty()) {
            throw new TemplateProblemsException(templates.root(), problems);
        }
    }
}
