package dev.boomerang.engagement.internal.providers;

import com.twilio.security.RequestValidator;
import dev.boomerang.engagement.internal.EngagementProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Whether a webhook request really comes from Twilio: its {@code X-Twilio-Signature} must be the HMAC-SHA1,
 * under our account's auth token, of the URL Twilio called (our configured public URL and the path, never the
 * Host header the request claims) followed by the sorted form parameters. Without an auth token (SMS through
 * the outbox) nothing can be verified, so every request is refused.
 */
@Component
class TwilioSignatures {

    private static final Logger log = LoggerFactory.getLogger(TwilioSignatures.class);
    static final String HEADER = "X-Twilio-Signature";

    private final RequestValidator validator;
    private final String base;

    TwilioSignatures(@Value("${boomerang.channels.twilio.auth-token:}") String authToken, EngagementProperties properties) {
        this.validator = authToken == null || authToken.isBlank() ? null : new RequestValidator(authToken);
        String url = properties.publicUrl().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        if (validator == null) {
            log.info("Twilio webhooks refuse every request: boomerang.channels.twilio.auth-token is not set");
        }
    }

    /** The form parameters of a request whose signature is valid for {@code path}; null when it is not. */
    Map<String, String> verified(String path, HttpServletRequest request) {
        String signature = request.getHeader(HEADER);
        if (validator == null || signature == null || signature.isBlank()) {
            return null;
        }
        String query = request.getQueryString();
        String url = base + path + (query == null ? "" : "?" + query);
        // the servlet merges query and form parameters; Twilio signs the query as part of the URL, the form apart
        Set<String> inQuery = query == null ? Set.of()
                : UriComponentsBuilder.fromUriString("?" + query).build().getQueryParams().keySet();
        Map<String, String> form = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (!inQuery.contains(name) && values.length > 0) {
                form.put(name, values[0]);
            }
        });
        return validator.validate(url, form, signature) ? form : null;
    }
}
