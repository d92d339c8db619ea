package dev.boomerang.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A real HTTP client against the application under test (no MockMvc: the security filters run as in production). */
public final class Http {

    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "test-admin-password";
    public static final String API_KEY = "test-ingest-key";

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    public record Response(int status, String body) {
    }

    private final String base;

    public Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public Response send(String method, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** With the ingest API key. */
    public Response ingest(String method, String path, String contentType, String body) {
        return send(method, path, contentType, body, "X-Api-Key", API_KEY);
    }

    /** With the admin's HTTP Basic login. */
    public Response admin(String method, String path) {
        return admin(method, path, null);
    }

    /** With the admin's HTTP Basic login and a JSON body (null: none). */
    public Response admin(String method, String path, String json) {
        String basic = Base64.getEncoder().encodeToString((ADMIN_USER + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return send(method, path, json == null ? null : "application/json", json, "Authorization", "Basic " + basic);
    }
}
