package dev.boomerang.campaign.internal;

import dev.boomerang.campaign.Campaign;
import dev.boomerang.campaign.Campaigns;
import dev.boomerang.campaign.Flow;
import dev.boomerang.campaign.UnknownCampaignException;
import dev.boomerang.campaign.UnknownFlowException;
import dev.boomerang.definition.DefinitionError;
import dev.boomerang.definition.Suggestions;
import dev.boomerang.segment.Segments;
import dev.boomerang.template.MessageTemplates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** The campaign catalog, campaigns and flows, read once from {@code boomerang.campaign.directory} when the application starts. */
@Service
class CampaignCatalog implements Campaigns {

    private static final Logger log = LoggerFactory.getLogger(CampaignCatalog.class);

    /** The campaigns and flows of a folder and every mistake of its files, by file, line and column. */
    record Catalog(Map<String, Campaign> campaigns, Map<String, Flow> flows, List<DefinitionError> errors) {
    }

    private final Catalog catalog;
    private final CampaignReader reader;

    CampaignCatalog(CampaignProperties properties, Segments segments, MessageTemplates templates) {
        this.reader = new CampaignReader(segments, new TemplateCheck(templates), properties.zone());
        this.catalog = readFolder(properties.directory(), reader);
        log.info("Read {} campaign and {} flow definitions from {} ({} errors)", catalog.campaigns().size(), catalog.flows().size(),
                properties.directory(), catalog.errors().size());
    }

    /** What was read at startup. */
    Catalog catalog() {
        return catalog;
    }

    /** Reads another folder against the same segments and templates (the command line's {@code --dir}). */
    Catalog read(Path folder) {
        return readFolder(folder, reader);
    }

    /**
     * Every {@code *.yml} and {@code *.yaml} file of the folder, in name order; a missing folder has no campaigns.
     * Campaigns and flows share one space of ids: runs, ledger keys and the admin API name either by id alone.
     */
    static Catalog readFolder(Path folder, CampaignReader reader) {
        Map<String, Campaign> campaigns = new TreeMap<>();
        Map<String, Flow> flows = new TreeMap<>();
        List<DefinitionError> errors = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return new Catalog(campaigns, flows, errors);
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml") && !Files.isDirectory(p)).sorted().toList();
        }
        catch (IOException ex) {
            errors.add(new DefinitionError(folder.toString(), 0, 0, "cannot list the folder: " + ex.getMessage(), null));
            return new Catalog(campaigns, flows, errors);
        }
        Map<String, CampaignReader.Result> firsts = new HashMap<>();
        Map<String, String> idFiles = new HashMap<>();
        for (Path file : files) {
            String source = folder.resolve(file.getFileName()).toString();
            CampaignReader.Result result = reader.read(file, source);
            List<DefinitionError> fileErrors = new ArrayList<>(result.errors());
            if (result.id() != null && idFiles.containsKey(result.id())) {
                var at = result.idAt().getStartMark();
                String other = firsts.get(result.id()).kind();
                fileErrors.add(new DefinitionError(source, at.getLine() + 1, at.getColumn() + 1,
                        other.equals(result.kind()) ? result.kind() + " '" + result.id() + "' is defined twice"
                                : result.kind() + " '" + result.id() + "' has the id of a " + other,
                        "the other one is in " + idFiles.get(result.id())
                                + (other.equals(result.kind()) ? "" : "; campaigns and flows share ids, rename one")));
            }
            else if (result.id() != null) {
                idFiles.put(result.id(), source);
                firsts.put(result.id(), result);
                if (result.campaign() != null && fileErrors.isEmpty()) {
                    campaigns.put(result.id(), result.campaign());
                }
                if (result.flow() != null && fileErrors.isEmpty()) {
                    flows.put(result.id(), result.flow());
                }
            }
            fileErrors.sort(CampaignReader.IN_PLACE_ORDER);
            errors.addAll(fileErrors);
        }
        return new Catalog(campaigns, flows, List.copyOf(errors));
    }

    @Override
    public List<Campaign> definitions() {
        return List.copyOf(catalog.campaigns().values());
    }

    @Override
    public Optional<Campaign> definition(String id) {
        return Optional.ofNullable(catalog.campaigns().get(id));
    }

    @Override
    public Campaign campaign(String id) {
        Campaign campaign = catalog.campaigns().get(id);
        if (campaign == null) {
            throw new UnknownCampaignException(id, id == null ? null : Suggestions.closest(id, catalog.campaigns().keySet()));
        }
        return campaign;
    }

    @Override
    public List<Flow> flows() {
        return List.copyOf(catalog.flows().values());
    }

    @Override
    public Optional<Flow> flow(String id) {
        return Optional.ofNullable(catalog.flows().get(id));
    }

    @Override
    public Flow flowById(String id) {
        Flow flow = catalog.flows().get(id);
        if (flow == null) {
            throw new UnknownFlowException(id, id == null ? null : Suggestions.closest(id, catalog.flows().keySet()));
        }
        return flow;
    }

    @Override
    public List<DefinitionError> errors() {
        return catalog.errors();
    }
}
