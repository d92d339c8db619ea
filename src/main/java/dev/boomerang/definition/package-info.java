/**
 * Definitions: what the YAML catalogs (segments, campaigns, later flows) share. {@link
 * dev.boomerang.definition.YamlNodes} reads a document as SnakeYAML's node tree, keeping every value's line and
 * column and collecting every mistake as a {@link dev.boomerang.definition.DefinitionError} instead of stopping
 * at the first; {@link dev.boomerang.definition.Suggestions} offers the close known name for a misspelt one.
 * Depends on no other Boomerang module.
 */
package dev.boomerang.definition;
