package dev.boomerang.segment.internal;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the segment module, under {@code boomerang.segment}.
 *
 * @param directory the folder of segment definitions ({@code *.yml}, one segment a file), read at startup
 * @param fetchSize how many member rows the database hands over at a time when members are streamed
 */
@ConfigurationProperties("boomerang.segment")
public record SegmentProperties(@DefaultValue("config/segments") Path directory, @DefaultValue("1000") int fetchSize) {
}
