package dev.boomerang.channel.internal.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.util.Timeout;

/**
 * The Twilio SDK's HTTP client, bent three ways. Each request goes to the configured base URL (the SDK has no
 * such setting; this is its supported seam, and how tests talk to a stand-in). Each request is made exactly
 * once: the SDK would repeat a request that got a 5xx, and a repeated POST after a 500 may send the SMS twice.
 * And the Retry-After of the last answer on this thread is kept, since the SDK's exceptions drop headers.
 */
final class TwilioHttp extends NetworkHttpClient {

    private static final ThreadLocal<String> RETRY_AFTER = new ThreadLocal<>();

    private final URI base;
    private final boolean rebase;

    TwilioHttp(URI base, Duration connectTimeout, Duration timeout, int connections) {
        super(builder(connectTimeout, timeout, connections));
        this.base = base;
        this.rebase = !"api.twilio.com".equalsIgnoreCase(base.getHost()) || !"https".equalsIgnoreCase(base.getScheme());
    }

    private static HttpClientBuilder builder(Duration connectTimeout, Duration timeout, int connections) {
        ConnectionConfig connection = ConnectionConfig.custom()
            .setConnectTimeout(Timeout.of(connectTimeout))
            .setSocketTimeout(Timeout.of(timeout))
            .build();
        return HttpClientBuilder.create()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(connection)
                .setMaxConnTotal(Math.max(2, connections))
                .setMaxConnPerRoute(Math.max(2, connections))
                .build())
            .disableAutomaticRetries();
    }

    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        RETRY_AFTER.remove();
        Response response = super.makeRequest(rebase ? rebased(request) : request);
        for (Header header : response.getHeaders() == null ? new Header[0] : response.getHeaders()) {
            if ("Retry-After".equalsIgnoreCase(header.getName())) {
                RETRY_AFTER.set(header.getValue());
            }
        }
        return response;
    }

    void close() throws java.io.IOException {
        client.close();
    }

    /** The Retry-After header of the last answer this thread got, or null. */
    static String lastRetryAfter() {
        return RETRY_AFTER.get();
    }

    /** The same request, addressed to the base URL: path and query kept, scheme, host and port replaced. */
    private Request rebased(Request request) {
        URL original = request.constructURL();
        String url = base.getScheme() + "://" + base.getRawAuthority() + original.getPath()
                + (original.getQuery() == null ? "" : "?" + original.getQuery());
        Request copy = new Request(request.getMethod(), url);
        if (request.getAuthStrategy() != null) {
            copy.setAuth(request.getAuthStrategy());
        }
        else if (request.getUsername() != null) {
            copy.setAuth(request.getUsername(), request.getPassword());
        }
        copy.setContentType(request.getContentType());
        copy.setBody(request.getBody());
        if (request.getFormParameters() != null) {
            copy.setFormParameters(request.getFormParameters());
        }
        copy.setUserAgentExtensions(request.getUserAgentExtensions());
        copy(request.getPostParams(), copy::addPostParam);
        copy(request.getHeaderParams(), copy::addHeaderParam);
        return copy;
    }

    private static void copy(Map<String, List<String>> from, java.util.function.BiConsumer<String, String> to) {
        from.forEach((name, values) -> values.forEach(value -> to.accept(name, value)));
    }
}
