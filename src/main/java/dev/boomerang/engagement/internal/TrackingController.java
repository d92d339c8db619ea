package dev.boomerang.engagement.internal;

import dev.boomerang.engagement.EngagementEvent;
import dev.boomerang.engagement.EventKind;
import dev.boomerang.engagement.EventLog;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The open pixel and the click redirect. Both only verify the token and queue an event (the event log's writer
 * fills in customer and campaign), so they stay about as fast as an empty endpoint. The click also needs where the
 * link goes, as recorded before the message was sent: the token names the target's row in link_target, which
 * {@link LinkTargets} usually has in memory; a token signed before that table existed names only the message and
 * position, read from message_link (through {@link ClickTargets}, many clicks a statement). Nothing in the request
 * but the
 * signed token counts: a {@code ?url=} or any other parameter is ignored, so there is no open redirect. A token
 * that does not verify gets 404 and records nothing. A HEAD (Spring answers it through the GET mapping) is answered
 * alike but records nothing: link checkers ask that way, people do not.
 */
@RestController
class TrackingController {

    /** A transparent 1x1 GIF. */
    private static final byte[] PIXEL = { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, (byte) 0x80, 0x00,
            0x00, 0x00, 0x00, 0x00, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x21, (byte) 0xf9, 0x04, 0x01, 0x00, 0x00,
            0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b };
    private static final String NO_STORE = CacheControl.noStore().getHeaderValue();
    private static final String SOURCE = "web";

    private final LinkTokens tokens;
    private final LinkTargets targets;
    private final ClickTargets links;
    private final EventLog events;
    private final Clock clock;

    TrackingController(LinkTokens tokens, LinkTargets targets, ClickTargets links, EventLog events, Clock clock) {
        this.tokens = tokens;
        this.targets = targets;
        this.links = links;
        this.events = events;
        this.clock = clock;
    }

    /*
     * The pixel and the redirect write their answer straight into the servlet response: a constant GIF and a
     * Location header need none of Spring MVC's return-value handling (content negotiation, message converters,
     * content-disposition checks), which cost as much as the endpoint's own work (bench/tracking.sh, JFR).
     */

    @GetMapping("/t/o/{token}")
    void open(@PathVariable String token, HttpMethod method, HttpServletResponse response) throws IOException {
        OptionalLong message = tokens.verifyOpen(token);
        if (message.isEmpty()) {
            notFound(response);
            return;
        }
        if (!HttpMethod.HEAD.equals(method)) {
            events.record(EngagementEvent.ofMessage(EventKind.OPENED, message.getAsLong(), null, clock.instant(), SOURCE));
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
        response.setContentType(MediaType.IMAGE_GIF_VALUE);
        response.setContentLength(PIXEL.length);
        response.getOutputStream().write(PIXEL);
    }

    @GetMapping("/t/c/{token}")
    void click(@PathVariable String token, HttpMethod method, HttpServletResponse response) {
        Optional<LinkTokens.Click> click = tokens.verifyClick(token);
        if (click.isEmpty()) {
            notFound(response);
            return;
        }
        long message = click.get().messageId();
        int position = click.get().position();
        OptionalLong stored = click.get().target();
        Optional<String> target = (stored.isPresent() ? targets.url(stored.getAsLong()) : links.url(message, position))
            .map(u -> u.replace(" ", "%20"))
            .filter(TrackingController::redirectable);
        if (target.isEmpty()) {
            notFound(response);
            return;
        }
        if (!HttpMethod.HEAD.equals(method)) {
            events.record(EngagementEvent.ofMessage(EventKind.CLICKED, message, position, clock.instant(), SOURCE));
        }
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
        response.setHeader(HttpHeaders.LOCATION, target.get());
    }

    /** A liveness check with nothing behind it: the yardstick the tracking benchmark compares the others with. */
    @GetMapping("/t/ping")
    ResponseEntity<Void> ping() {
        return ResponseEntity.noContent().build();
    }

    /** Only http(s) links were recorded; checked again so that a row written by hand cannot make a header break. */
    private static boolean redirectable(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return (lower.startsWith("https://") || lower.startsWith("http://")) && url.chars().noneMatch(c -> c < 0x21 || c == 0x7f);
    }

    private static void notFound(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
    }
}
