package dev.boomerang.engagement;

import dev.boomerang.support.MutableClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The application's clock, set and moved by the attribution tests. */
@TestConfiguration
class AttributionClock {

    @Bean
    @Primary
    MutableClock testClock() {
        return new MutableClock(AttributionContract.T);
    }
}
