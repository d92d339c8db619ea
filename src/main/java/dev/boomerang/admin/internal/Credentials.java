package dev.boomerang.admin.internal;

import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/** The effective admin password and ingest API key: configured, or generated for this run and printed once. */
@Component
@ConditionalOnWebApplication // the command line serves no one who would log in
class Credentials {

    private static final Logger log = LoggerFactory.getLogger(Credentials.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String user;
    private final String password;
    private final String ingestApiKey;

    Credentials(AdminProperties properties) {
        this.user = properties.user();
        this.password = orGenerated(properties.password(), "admin password for user '" + user + "'",
                "BOOMERANG_ADMIN_PASSWORD");
        this.ingestApiKey = orGenerated(properties.ingestApiKey(), "ingest API key (header X-Api-Key)",
                "BOOMERANG_INGEST_API_KEY");
    }

    private static String orGenerated(String configured, String what, String variable) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        // like Spring Boot's generated password: shown once so a newcomer can log in; set the variable to stop it
        log.warn("\n\nGenerated {}: {}\nSet {} to choose your own; this one is valid until the next restart.\n",
                what, generated, variable);
        return generated;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    String ingestApiKey() {
        return ingestApiKey;
    }
}
