package dev.boomerang.segment;

import dev.boomerang.definition.DefinitionError;
import java.util.List;

/**
 * A segment of the catalog ({@code config/segments/*.yml}).
 *
 * @param id its name, unique in the catalog
 * @param description what it is for, for people; may be null
 * @param source the file it was read from
 * @param rule who belongs; null when the definition has errors
 * @param errors the definition's mistakes, empty when it is valid
 */
public record SegmentDefinition(String id, String description, String source, Rule rule, List<DefinitionError> errors) {

    public SegmentDefinition {
        errors = List.copyOf(errors);
    }

    public boolean valid() {
        return errors.isEmpty();
    }
}
