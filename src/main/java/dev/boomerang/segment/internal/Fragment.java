package dev.boomerang.segment.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A piece of SQL with its bind values in the order of its {@code ?} marks. The compiler builds conditions from
 * these instead of a query DSL: the statements are a small portable subset that H2 and PostgreSQL share, and
 * keeping them as text keeps the SQL that matters readable next to the code that builds it. Values from a
 * definition only ever enter as bind values; the text comes from this module's constants.
 */
record Fragment(String sql, List<Object> parameters) {

    Fragment {
        parameters = List.copyOf(parameters);
    }

    static Fragment of(String sql, Object... parameters) {
        return new Fragment(sql, List.of(parameters));
    }

    /** {@code (a) AND (b) ...}; TRUE for none. */
    static Fragment and(List<Fragment> parts) {
        return join(parts, " AND ", "TRUE");
    }

    /** {@code (a) OR (b) ...}; FALSE for none. */
    static Fragment or(List<Fragment> parts) {
        return join(parts, " OR ", "FALSE");
    }

    private static Fragment join(List<Fragment> parts, String operator, String empty) {
        if (parts.isEmpty()) {
            return of(empty);
        }
        if (parts.size() == 1) {
            return parts.getFirst();
        }
        StringBuilder sql = new StringBuilder();
        List<Object> parameters = new ArrayList<>();
        for (Fragment part : parts) {
            if (!sql.isEmpty()) {
                sql.append(operator);
            }
            sql.append('(').append(part.sql()).append(')');
            parameters.addAll(part.parameters());
        }
        return new Fragment(sql.toString(), parameters);
    }

    /** {@code ?, ?, ?} for a list of values, which must not be empty. */
    static String marks(Collection<?> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an IN list needs values");
        }
        return String.join(", ", java.util.Collections.nCopies(values.size(), "?"));
    }

    /** This fragment with more SQL and values appended. */
    Fragment then(String more, Object... values) {
        List<Object> all = new ArrayList<>(parameters);
        all.addAll(List.of(values));
        return new Fragment(sql + more, all);
    }

    /** {@code prefix} + this + {@code suffix}, values of the prefix first. */
    Fragment wrap(String prefix, List<Object> prefixValues, String suffix) {
        List<Object> all = new ArrayList<>(prefixValues);
        all.addAll(parameters);
        return new Fragment(prefix + sql + suffix, all);
    }
}
