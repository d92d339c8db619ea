package dev.boomerang.segment.internal;

import dev.boomerang.segment.RfmGroup;
import dev.boomerang.segment.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Conditions on the scores the insight module stores in {@code customer_rfm}. The stored scores are the truth,
 * whatever T is: they are as of their own {@code scored_at}. A customer without a row (never ordered, or not yet
 * scored) fails every one of them.
 */
final class ScoreSql {

    private ScoreSql() {
    }

    static Fragment rfm(Rule.Rfm rfm) {
        List<Object> values = new ArrayList<>();
        StringBuilder sql = new StringBuilder("EXISTS (SELECT 1 FROM customer_rfm r WHERE r.customer_id = c.id");
        in(sql, values, "r.recency", rfm.recency());
        in(sql, values, "r.frequency", rfm.frequency());
        in(sql, values, "r.monetary", rfm.monetary());
        return new Fragment(sql.append(')').toString(), values);
    }

    private static void in(StringBuilder sql, List<Object> values, String column, Set<Integer> scores) {
        if (scores != null) {
            List<Integer> sorted = scores.stream().sorted().toList();
            sql.append(" AND ").append(column).append(" IN (").append(Fragment.marks(sorted)).append(')');
            values.addAll(sorted);
        }
    }

    /** The group's (R, F) cells as two-digit numbers, {@code 10 * R + F}. */
    static Fragment rfmGroup(RfmGroup group) {
        List<Object> cells = group.cells().stream().map(c -> (Object) (c[0] * 10 + c[1])).toList();
        return new Fragment("EXISTS (SELECT 1 FROM customer_rfm r WHERE r.customer_id = c.id AND r.recency * 10 + r.frequency IN ("
                + Fragment.marks(cells) + "))", cells);
    }
}
