package dev.boomerang.template.internal;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.thymeleaf.IEngineConfiguration;
import org.thymeleaf.exceptions.TemplateInputException;
import org.thymeleaf.templateresolver.FileTemplateResolver;
import org.thymeleaf.templateresource.ITemplateResource;

/**
 * Thymeleaf's file resolver over the templates folder, refusing any template, layout or fragment whose file
 * would lie outside it ({@code ~{../../etc/passwd}}). Names carry their extension: {@code .html} files are
 * HTML templates, {@code .txt} files text templates.
 */
final class ConfinedFileTemplateResolver extends FileTemplateResolver {

    private final Path root;

    ConfinedFileTemplateResolver(Path root, boolean cacheable) {
        this.root = root.toAbsolutePath().normalize();
        setPrefix(this.root.toString() + "/");
        setCharacterEncoding("UTF-8");
        setCheckExistence(true);
        setCacheable(cacheable);
        setHtmlTemplateModePatterns(Set.of("*.html"));
        setTextTemplateModePatterns(Set.of("*.txt"));
    }

    @Override
    protected ITemplateResource computeTemplateResource(IEngineConfiguration configuration, String ownerTemplate,
            String template, String resourceName, String characterEncoding,
            Map<String, Object> templateResolutionAttributes) {
        Path file = Path.of(resourceName).toAbsolutePath().normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new TemplateInputException("template '" + template + "' lies outside the templates folder");
        }
        return super.computeTemplateResource(configuration, ownerTemplate, template, resourceName, characterEncoding,
                templateResolutionAttributes);
    }
}
