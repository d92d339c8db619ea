package dev.boomerang.template.internal;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.FutureTask;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.context.WebApplicationContext;

/**
 * Starts the templates' startup check (see {@link TemplateStartup}) before the server's context is even built, on a
 * thread of its own: it needs only the settings and the templates folder, and so runs beside the database
 * migration and the web server's start instead of after them. Registered in {@code META-INF/spring.factories};
 * the command line (no web context) checks nothing.
 */
public class TemplateCheckStarter implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The running check, as a bean for {@link TemplateStartup} to wait on. */
    record Running(FutureTask<List<String>> check) {
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (!(context instanceof WebApplicationContext)) {
            return;
        }
        TemplateProperties properties = Binder.get(context.getEnvironment())
            .bindOrCreate("boomerang.template", Bindable.of(TemplateProperties.class));
        FutureTask<List<String>> check = new FutureTask<>(() -> TemplateStartup.check(
                new ThymeleafMessageTemplates(properties), properties, Clock.systemUTC()));
        Thread.ofPlatform().name("template-check").daemon().start(check);
        context.getBeanFactory().registerSingleton("templateCheckRunning", new Running(check));
    }
}
