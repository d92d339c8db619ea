package dev.boomerang.campaign.internal;

import java.nio.file.Path;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the campaign module, under {@code boomerang.campaign}.
 *
 * @param directory the folder of campaign definitions ({@code *.yml}, one campaign a file), read at startup;
 *     a folder that does not exist means no campaigns
 * @param zone the time zone of a schedule that names none
 */
@ConfigurationProperties("boomerang.campaign")
public record CampaignProperties(@DefaultValue("config/campaigns") Path directory, @DefaultValue("UTC") ZoneId zone) {
}
