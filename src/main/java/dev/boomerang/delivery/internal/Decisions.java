package dev.boomerang.delivery.internal;

import dev.boomerang.channel.Channel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads what the policies need to know about a chunk of recipients (consent, address, suppression, time zone,
 * recent messages per cap) in a few set-based queries, and lets {@link DispatchPolicy} decide each. Used by
 * runs and by forecasts alike, so a plan predicts exactly what a run would do.
 */
@Component
class Decisions {

    /** A member of a run's audience. */
    record Member(long customerId, String variant, boolean holdout) {
    }

    record Decided(Member member, DispatchPolicy.Decision decision) {
    }

    private final NamedParameterJdbcTemplate named;
    private final DispatchPolicy policy;
    private final Ledger ledger;

    Decisions(JdbcTemplate jdbc, PolicyProperties policy, Ledger ledger) {
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.policy = new DispatchPolicy(policy);
        this.ledger = ledger;
    }

    DispatchPolicy policy() {
        return policy;
    }

    List<Decided> decide(List<Member> members, Channel channel, Instant now) {
        if (members.isEmpty()) {
            return List.of();
        }
        List<Long> ids = members.stream().map(Member::customerId).toList();
        Map<Long, DispatchPolicy.Recipient> facts = facts(ids, channel, now, true);
        List<Decided> decided = new ArrayList<>(members.size());
        for (Member member : members) {
            DispatchPolicy.Recipient known = facts.get(member.customerId());
            if (known == null) {
                // erased since the audience was written: nobody to write to
                decided.add(new Decided(member, new DispatchPolicy.Skip("unreachable")));
                continue;
            }
            DispatchPolicy.Recipient recipient = new DispatchPolicy.Recipient(known.customerId(), known.consent(),
                    known.address(), known.suppressed(), member.holdout(), known.timeZone(), known.recent());
            decided.add(new Decided(member, policy.decide(recipient, channel, now)));
        }
        return decided;
    }

    /**
     * The sweeper's re-check before waiting messages go: consent, address, suppression and zone as they are now.
     * Their caps were counted when they were decided, so no message is counted against itself: every cap reads 0.
     * Customers erased in the meantime are missing from the map.
     */
    Map<Long, DispatchPolicy.Recipient> recheck(List<Long> ids, Channel channel, Instant now) {
        return facts(ids, channel, now, false);
    }

    private Map<Long, DispatchPolicy.Recipient> facts(List<Long> ids, Channel channel, Instant now, boolean countCaps) {
        String address = channel == Channel.EMAIL ? "c.email" : "c.phone";
        String consent = channel == Channel.EMAIL ? "c.email_consent" : "c.sms_consent";
        List<PolicyProperties.Cap> caps = policy.caps(channel);
        List<Map<Long, Long>> recent = new ArrayList<>();
        for (PolicyProperties.Cap cap : countCaps ? caps : List.<PolicyProperties.Cap>of()) {
            Map<Long, Long> counts = new HashMap<>();
            for (long[] row : ledger.recent(ids, channel.key(), now.minus(cap.per()))) {
                counts.put(row[0], row[1]);
            }
            recent.add(counts);
        }
        Map<Long, DispatchPolicy.Recipient> facts = new HashMap<>();
        named.query("SELECT c.id, " + consent + ", " + address + ", c.time_zone, EXISTS (SELECT 1 FROM suppression s"
                + " WHERE s.channel = :channel AND s.address = " + address + ") FROM customer c WHERE c.id IN (:ids)",
                new MapSqlParameterSource("ids", ids).addValue("channel", channel.key()), rs -> {
                    long id = rs.getLong(1);
                    boolean given = rs.getBoolean(2);
                    Boolean consentGiven = rs.wasNull() ? null : given;
                    List<Integer> counts = new ArrayList<>(caps.size());
                    for (int i = 0; i < caps.size(); i++) {
                        counts.add(countCaps ? recent.get(i).getOrDefault(id, 0L).intValue() : 0);
                    }
                    facts.put(id, new DispatchPolicy.Recipient(id, consentGiven, rs.getString(3), rs.getBoolean(5),
                            false, rs.getString(4), counts));
                });
        return facts;
    }
}
