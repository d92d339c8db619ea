package dev.boomerang.admin.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates the store's feed by {@code X-Api-Key} (role INGEST); a wrong key is a 401 at once. */
class ApiKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Api-Key";

    private final byte[] key;
    private final AuthenticationEntryPoint entryPoint;

    ApiKeyFilter(String key, AuthenticationEntryPoint entryPoint) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        if (given != null) {
            // constant-time comparison: the time taken must not tell how much of a guess was right
            if (!MessageDigest.isEqual(key, given.getBytes(StandardCharsets.UTF_8))) {
                SecurityContextHolder.clearContext();
                entryPoint.commence(request, response, new BadCredentialsException("wrong API key"));
                return;
            }
            var authentication = UsernamePasswordAuthenticationToken.authenticated("ingest-api-key", null,
                    AuthorityUtils.createAuthorityList("ROLE_INGEST"));
            SecurityContextHolder.getContext().setAuthentication(authentication);
        }
        chain.doFilter(request, response);
    }
}
