package dev.boomerang.delivery.internal;

import dev.boomerang.delivery.Broadcast;
import dev.boomerang.delivery.Variant;
import dev.boomerang.segment.SegmentSql;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * A broadcast's audience with each customer's variant and holdout membership, as one SQL query: the segment's
 * condition over {@code customer c}, and two stable hashes of (campaign, customer) computed in the database.
 * Each hash is a universal hash {@code ((a * id + b) mod p) mod 10000} with {@code a} and {@code b} drawn
 * from the campaign's id, one pair for the holdout and one for the variant, so the two are independent and a
 * customer keeps their bucket from one occurrence to the next (a stable control group). Plain arithmetic on
 * BIGINT, identical on H2 and PostgreSQL; ids below 2^32 keep {@code a * id} below 2^63.
 */
final class Buckets {

    private static final long PRIME = 2_147_483_647L; // 2^31 - 1
    static final int SCALE = 10_000; // basis points

    private Buckets() {
    }

    /**
     * {@code SELECT customer_id, variant, holdout} for the audience. Parameters: those of the returned list, in
     * order, which already include the segment's.
     */
    record Query(String sql, List<Object> parameters) {

        /** {@code before}, then this query's parameters: for statements whose own marks come first. */
        Object[] parametersAfter(Object... before) {
            return Stream.concat(Arrays.stream(before), parameters.stream()).toArray();
        }
    }

    static Query audience(Broadcast broadcast, SegmentSql segment) {
        long[] holdout = coefficients(broadcast.campaignId() + "/holdout");
        long[] variant = coefficients(broadcast.campaignId() + "/variant");
        List<Object> parameters = new ArrayList<>();
        StringBuilder cases = new StringBuilder("CASE");
        int upTo = 0;
        for (Variant v : broadcast.variants()) {
            if (v.weight() == 0) {
                continue;
            }
            upTo += v.weight() * (SCALE / 100);
            cases.append(" WHEN h.vb < ? THEN ?");
            parameters.add(upTo);
            parameters.add(v.id());
        }
        cases.append(" END");
        parameters.add(broadcast.holdoutPercent() * (SCALE / 100));
        parameters.add(variant[0]);
        parameters.add(variant[1]);
        parameters.add(holdout[0]);
        parameters.add(holdout[1]);
        parameters.addAll(segment.parameters());
        String sql = "SELECT h.id AS customer_id, " + cases + " AS variant, h.hb < ? AS holdout FROM (SELECT c.id,"
                + " MOD(MOD(? * c.id + ?, " + PRIME + "), " + SCALE + ") AS vb,"
                + " MOD(MOD(? * c.id + ?, " + PRIME + "), " + SCALE + ") AS hb"
                + " FROM customer c WHERE " + segment.condition() + ") h";
        return new Query(sql, List.copyOf(parameters));
    }

    /** a in [1, p-1], b in [0, p-1], from a digest of the seed. */
    static long[] coefficients(String seed) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every JDK has SHA-256", ex);
        }
        long a = 0;
        long b = 0;
        for (int i = 0; i < 8; i++) {
            a = (a << 8) | (digest[i] & 0xff);
            b = (b << 8) | (digest[8 + i] & 0xff);
        }
        return new long[] { Math.floorMod(a, PRIME - 1) + 1, Math.floorMod(b, PRIME) };
    }
}
