package dev.boomerang.admin.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Credentials, under {@code boomerang.admin} (set by {@code BOOMERANG_ADMIN_USER}, {@code BOOMERANG_ADMIN_PASSWORD}
 * and {@code BOOMERANG_INGEST_API_KEY}). A blank password or key is generated at startup and printed once.
 */
@ConfigurationProperties("boomerang.admin")
public record AdminProperties(@DefaultValue("admin") String user, String password, String ingestApiKey) {
}
