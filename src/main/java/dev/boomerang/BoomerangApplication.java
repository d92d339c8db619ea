package dev.boomerang;

import java.time.Clock;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Boomerang. Without arguments (or with only {@code --options}) it runs the server; with a command
 * ({@code import customers FILE.csv}, see {@link Cli}) it runs that command against the configured database
 * and exits with its status.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BoomerangApplication {

    public static void main(String[] args) {
        if (Cli.isCommand(args)) {
            System.exit(runCommand(args));
        }
        SpringApplication.run(BoomerangApplication.class, args);
    }

    /** Runs one command line in a context without web server, scheduler or demo data; returns the exit code. */
    public static int runCommand(String... args) {
        SpringApplication app = new SpringApplicationBuilder(BoomerangApplication.class)
            .web(WebApplicationType.NONE)
            .properties(Map.of(
                    "spring.main.banner-mode", "off",
                    "spring.quartz.auto-startup", "false",
                    "boomerang.customer.demo.enabled", "false",
                    "logging.level.root", "WARN"))
            .build();
        try (ConfigurableApplicationContext context = app.run(Cli.springArguments(args))) {
            return new Cli(context).run(Cli.commandArguments(args));
        }
    }

    /** The clock everything reads "now" from; tests replace it to walk through time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
