package dev.boomerang.flow.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the flow module, under {@code boomerang.flow}.
 * @param tickEvery how often due steps run and cart triggers are scanned
 * @param tickerEnabled false: steps run only when asked ({@code flows tick}, tests)
 * @param batch journeys whose steps one transaction runs
 * @param leftBehindAfter a flow message still PLANNED (or CLAIMED) this long after it was written was left by a
 *     node that stopped: the next tick sends it (or marks it UNKNOWN)
 */
@ConfigurationProperties("boomerang.flow")
public record FlowProperties(@DefaultValue("30s") Duration tickEvery, @DefaultValue("true") boolean tickerEnabled,
        @DefaultValue("100") int batch, @DefaultValue("2m") Duration leftBehindAfter) {
}
