package dev.boomerang.segment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The named RFM groups: the widely published segment map over the recency (R) and frequency (F) quintile
 * scores, 5 best. Every one of the 25 (R, F) cells belongs to exactly one group:
 *
 * <pre>
 *        F=1          F=2          F=3          F=4        F=5
 * R=5    new          potential    potential    champions  champions
 * R=4    promising    potential    potential    loyal      loyal
 * R=3    about-sleep  about-sleep  need-attn    loyal      loyal
 * R=2    hibernating  hibernating  at-risk      at-risk    cant-lose
 * R=1    lost         hibernating  at-risk      at-risk    cant-lose
 * </pre>
 *
 * The published map has "hibernating" for R and F both 1 or 2; the R=1, F=1 cell (longest gone, one order)
 * is split off as "lost", as the eleven-group versions of the map do.
 */
public enum RfmGroup {
    CHAMPIONS("54 55"),
    LOYAL("34 35 44 45"),
    POTENTIAL_LOYALISTS("42 43 52 53"),
    NEW("51"),
    PROMISING("41"),
    NEED_ATTENTION("33"),
    ABOUT_TO_SLEEP("31 32"),
    AT_RISK("13 14 23 24"),
    CANT_LOSE("15 25"),
    HIBERNATING("12 21 22"),
    LOST("11");

    /** The (R, F) cells of the group, each as {@code {r, f}}. */
    private final List<int[]> cells;

    RfmGroup(String cells) {
        List<int[]> list = new ArrayList<>();
        for (String cell : cells.split(" ")) {
            list.add(new int[] { cell.charAt(0) - '0', cell.charAt(1) - '0' });
        }
        this.cells = List.copyOf(list);
    }

    /** The YAML name: {@code potential-loyalists}, {@code cant-lose}, ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the cell (r, f) belongs to this group. */
    public boolean contains(int recency, int frequency) {
        return cells.stream().anyMatch(c -> c[0] == recency && c[1] == frequency);
    }

    /** The cells as {@code {r, f}} pairs. */
    public List<int[]> cells() {
        return cells.stream().map(int[]::clone).toList();
    }

    public static RfmGroup fromKey(String key) {
        for (RfmGroup group : values()) {
            if (group.key().equals(key)) {
                return group;
            }
        }
        return null;
    }
}
