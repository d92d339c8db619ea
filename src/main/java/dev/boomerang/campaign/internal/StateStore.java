package dev.boomerang.campaign.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Which campaigns are paused ({@code campaign_state}); a campaign without a row is active. */
@Component
class StateStore {

    private final JdbcTemplate jdbc;

    StateStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    boolean paused(String campaignId) {
        return Boolean.TRUE.equals(jdbc.query("SELECT paused FROM campaign_state WHERE campaign_id = ?",
                rs -> rs.next() ? rs.getBoolean(1) : null, campaignId));
    }

    Set<String> pausedIds() {
        return new HashSet<>(jdbc.queryForList("SELECT campaign_id FROM campaign_state WHERE paused = TRUE", String.class));
    }

    void set(String campaignId, boolean paused, Instant now) {
        var at = now.atOffset(ZoneOffset.UTC);
        if (jdbc.update("UPDATE campaign_state SET paused = ?, changed_at = ? WHERE campaign_id = ?", paused, at,
                campaignId) == 0) {
            try {
                jdbc.update("INSERT INTO campaign_state (campaign_id, paused, changed_at) VALUES (?, ?, ?)", campaignId,
                        paused, at);
            }
            catch (org.springframework.dao.DuplicateKeyException concurrent) {
                jdbc.update("UPDATE campaign_state SET paused = ?, changed_at = ? WHERE campaign_id = ?", paused, at,
                        campaignId);
            }
        }
    }
}
