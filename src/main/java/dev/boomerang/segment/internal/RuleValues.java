package dev.boomerang.segment.internal;

import dev.boomerang.definition.YamlNodes;
import java.math.BigDecimal;
import java.time.Duration;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The values inside conditions (counts, probabilities, expected orders, amounts, booleans, durations), each read
 * from its node with a located error and a hint when it is not one. Null means "wrong, already reported".
 */
final class RuleValues {

    private final YamlNodes yaml;

    RuleValues(YamlNodes yaml) {
        this.yaml = yaml;
    }

    Duration duration(Node node) {
        return yaml.duration(node);
    }

    Long count(Node node, String what) {
        String text = yaml.scalar(node, what, "a whole number");
        if (text == null) {
            return null;
        }
        if (!text.matches("\\d{1,9}")) {
            yaml.error(node, what + ": '" + text + "' is not a whole number of orders", "write a number such as 2");
            return null;
        }
        return Long.parseLong(text);
    }

    BigDecimal probability(Node node, String what) {
        return decimal(node, what, "a probability", "a probability", "\\d{1,3}(\\.\\d{1,9})?", BigDecimal.ONE,
                "write a number from 0 to 1, as in 0.3");
    }

    BigDecimal expectedOrders(Node node, String what) {
        return decimal(node, what, "a number of orders", "a number of expected orders", "\\d{1,9}(\\.\\d{1,6})?", null,
                "write a non-negative number, fractions allowed, as in 1 or 0.5");
    }

    BigDecimal amount(Node node, String what) {
        return decimal(node, what, "an amount", "an amount", "\\d{1,14}(\\.\\d{1,4})?", null,
                "write a non-negative number with at most 4 decimals and no currency, as in 100 or 19.90");
    }

    /**
     * A non-negative decimal written as {@code form} allows, at most {@code max} (null: no bound).
     * @param expected what a non-scalar is told to be; {@code kind} what a malformed value is not
     */
    private BigDecimal decimal(Node node, String what, String expected, String kind, String form, BigDecimal max,
            String hint) {
        String text = yaml.scalar(node, what, expected);
        if (text == null) {
            return null;
        }
        if (!text.matches(form) || (max != null && new BigDecimal(text).compareTo(max) > 0)) {
            yaml.error(node, what + ": '" + text + "' is not " + kind, hint);
            return null;
        }
        return new BigDecimal(text);
    }

    Boolean bool(Node node, String what) {
        String text = yaml.scalar(node, what, "true or false");
        if (text == null) {
            return null;
        }
        return switch (text) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> {
                yaml.error(node, what + ": '" + text + "' is not true or false", "write true or false");
                yield null;
            }
        };
    }
}
