package dev.boomerang.engagement.internal;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the engagement module, under {@code boomerang.engagement}.
 * @param publicUrl where recipients reach Boomerang: the base of every link in a message (defaults to
 *     {@code boomerang.public-url})
 */
@ConfigurationProperties("boomerang.engagement")
public record EngagementProperties(@DefaultValue("http://localhost:8080") URI publicUrl) {

    String base() {
        String url = publicUrl.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
