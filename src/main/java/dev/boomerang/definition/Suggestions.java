package dev.boomerang.definition;

import java.util.Collection;
import java.util.Locale;

/**
 * "Did you mean ...?" for a misspelt name: the known name closest by edit distance, when it is close enough to be
 * a likely typo; otherwise the list of known names. Hand-written: a dozen lines of Levenshtein do not justify a
 * dependency.
 */
public final class Suggestions {

    private Suggestions() {
    }

    /** {@code did you mean 'x'?}, or {@code known: a, b, c} when there is no close name and few names, or null. */
    public static String hint(String given, Collection<String> known) {
        String closest = closest(given, known);
        if (closest != null) {
            return "did you mean '" + closest + "'?";
        }
        if (known.isEmpty()) {
            return null;
        }
        return known.size() <= 40 ? "known: " + String.join(", ", known) : null;
    }

    /** The known name within a typo's distance of {@code given} (case-insensitive), or null. */
    public static String closest(String given, Collection<String> known) {
        String lower = given.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : known) {
            int d = distance(lower, name.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = name;
            }
        }
        int allowed = Math.max(2, given.length() / 3);
        if (best != null && bestDistance <= allowed) {
            return best;
        }
        // a shortened name: the one known name it begins ("lapsed" for "lapsed-regulars")
        var extensions = known.stream().filter(n -> lower.length() >= 3 && n.toLowerCase(Locale.ROOT).startsWith(lower)).toList();
        return extensions.size() == 1 ? extensions.getFirst() : null;
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
