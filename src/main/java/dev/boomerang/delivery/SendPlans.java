package dev.boomerang.delivery;

import java.util.Optional;

/**
 * Where delivery finds what a campaign sends when it (re)starts a run: the campaign module implements it from
 * its catalog, so a run resumed after a crash sends what the campaign says now.
 */
public interface SendPlans {

    Optional<Broadcast> broadcast(String campaignId);
}
