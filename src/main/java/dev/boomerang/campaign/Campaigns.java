package dev.boomerang.campaign;

import dev.boomerang.definition.DefinitionError;
import java.util.List;
import java.util.Optional;

/**
 * The campaign catalog: the broadcasts and the flows defined in {@code config/campaigns/*.yml} (docs/campaigns.md,
 * docs/flows.md), read and checked once at startup against the segment catalog and the message templates. Ids are
 * unique across both kinds.
 */
public interface Campaigns {

    /** The valid campaigns, by id. A campaign whose file has a mistake is not among them. */
    List<Campaign> definitions();

    /** The valid campaign of that id; empty when there is none. */
    Optional<Campaign> definition(String id);

    /**
     * The valid campaign of that id.
     *
     * @throws UnknownCampaignException naming the closest id when there is none
     */
    Campaign campaign(String id);

    /** The valid flows (files with {@code trigger:}, docs/flows.md), by id. A flow whose file has a mistake is not among them. */
    List<Flow> flows();

    /** The valid flow of that id; empty when there is none. */
    Optional<Flow> flow(String id);

    /**
     * The valid flow of that id.
     *
     * @throws UnknownFlowException naming the closest id when there is none
     */
    Flow flowById(String id);

    /** Every mistake in every file, by file, line and column; the server does not start unless this is empty. */
    List<DefinitionError> errors();
}
