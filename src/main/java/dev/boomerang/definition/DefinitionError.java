package dev.boomerang.definition;

/**
 * One mistake in a definition file, where it is and how to fix it.
 *
 * @param file the file ({@code config/campaigns/winback.yml}) or {@code request}
 * @param line 1-based line, 0 when the mistake is about the whole file
 * @param column 1-based column, 0 when unknown
 * @param message what is wrong
 * @param hint how to fix it (a close known name, the expected form), or null
 */
public record DefinitionError(String file, int line, int column, String message, String hint) {

    /** {@code config/campaigns/winback.yml:4:7: unknown key 'chanel' in a campaign; did you mean 'channel'?} */
    @Override
    public String toString() {
        String where = line > 0 ? file + ":" + line + ":" + column : file;
        return where + ": " + message + (hint == null ? "" : "; " + hint);
    }
}
