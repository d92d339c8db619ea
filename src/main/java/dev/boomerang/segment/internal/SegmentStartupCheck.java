package dev.boomerang.segment.internal;

import dev.boomerang.segment.InvalidSegmentException;
import dev.boomerang.segment.Segments;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * The server refuses to start with a bad segment definition rather than run campaigns on a wrong audience.
 * Only the server: {@code segments validate} on the command line must start in order to list the mistakes.
 */
@Component
@ConditionalOnWebApplication
class SegmentStartupCheck implements InitializingBean {

    private final Segments segments;

    SegmentStartupCheck(Segments segments) {
        this.segments = segments;
    }

    @Override
    public void afterPropertiesSet() {
        if (!segments.errors().isEmpty()) {
            throw new InvalidSegmentException(segments.errors());
        }
    }
}
