package dev.boomerang.delivery;

import java.util.Optional;

/**
 * Where delivery finds what a campaign sends when it (re)starts a run: the campaign module implements it from
 * its catalog, so a run resumed after a crash sends what the campaign says now.
 */
public interface SendPlans {

    Optional<Broadcast> broadcast(String campaignId);

    /**
     * What a step of a campaign ({@code send}, its only step) or of a flow (the step's id) sends: how a message
     * that waited (deferred, retried, or left planned by a stopped node) is sent as its definition says now.
     */
    Optional<Sending> sending(String campaignId, String step);
}
