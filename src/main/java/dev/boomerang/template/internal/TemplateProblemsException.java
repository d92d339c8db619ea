package dev.boomerang.template.internal;

import java.nio.file.Path;
import java.util.List;

/** The templates folder has problems; Boomerang does not start with templates it cannot render. */
public class TemplateProblemsException extends RuntimeException {

    private final Path folder;
    private final List<String> problems;

    public TemplateProblemsException(Path folder, List<String> problems) {
        super(problems.size() + " problem(s) in the message templates under " + folder + ":\n  - "
                + String.join("\n  - ", problems));
        this.folder = folder;
        this.problems = List.copyOf(problems);
    }

    public Path folder() {
        return folder;
    }

    public List<String> problems() {
        return problems;
    }
}
