package dev.boomerang.template.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Boomerang's example templates, packaged in the jar under {@code example-templates/} (the build copies the
 * repository's {@code templates/} there), written out into an empty or missing templates folder.
 */
final class ExampleTemplates {

    static final String PACKAGED = "example-templates/";

    private ExampleTemplates() {
    }

    /** Writes the examples into {@code folder}; returns how many files were written. */
    static int install(Path folder) {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath:" + PACKAGED + "**");
            int written = 0;
            for (Resource resource : resources) {
                String url = resource.getURL().toString();
                int at = url.lastIndexOf(PACKAGED);
                String relative = url.substring(at + PACKAGED.length());
                if (relative.isEmpty() || relative.endsWith("/") || !resource.isReadable()) {
                    continue;
                }
                Path target = folder.resolve(relative).normalize();
                if (!target.startsWith(folder)) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = resource.getInputStream()) {
                    Files.copy(in, target);
                }
                written++;
            }
            return written;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot write the example templates into " + folder, ex);
        }
    }
}
