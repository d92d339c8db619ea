package dev.boomerang.admin.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may do what. The store's feed ({@code /api/customers}, {@code /api/orders}, {@code /api/products},
 * {@code /api/carts}) and the email provider's bounce reports ({@code /api/engagement/bounces}) take the ingest
 * API key or an admin login; reading a customer takes an admin or viewer login; health is open. The API is stateless: no session, no CSRF token (no cookie authenticates it).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication // the command line has no HTTP side to secure
class SecurityConfig {

    @Bean
    PasswordEncoder passwordEncoder() {
        return new SecretDigestEncoder();
    }

    @Bean
    UserDetailsService users(Credentials credentials, PasswordEncoder encoder) {
        return new InMemoryUserDetailsManager(User.withUsername(credentials.user())
            .password(encoder.encode(credentials.password()))
            .roles("ADMIN")
            .build());
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, Credentials credentials) throws Exception {
        BasicAuthenticationEntryPoint entryPoint = new BasicAuthenticationEntryPoint();
        entryPoint.setRealmName("Boomerang");
        entryPoint.afterPropertiesSet();
        http.securityMatcher("/api/**", "/actuator/**")
            .authorizeHttpRequests(auth -> auth
                .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                .requestMatchers(HttpMethod.POST, "/api/customers", "/api/orders", "/api/products", "/api/engagement/bounces")
                    .hasAnyRole("INGEST", "ADMIN")
                .requestMatchers(HttpMethod.PUT, "/api/carts/*").hasAnyRole("INGEST", "ADMIN")
                .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole("ADMIN", "VIEWER")
                .anyRequest().hasRole("ADMIN"))
            .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
            .exceptionHandling(ex -> ex.authenticationEntryPoint(entryPoint))
            .addFilterBefore(new ApiKeyFilter(credentials.ingestApiKey(), entryPoint), BasicAuthenticationFilter.class)
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .csrf(csrf -> csrf.disable());
        return http.build();
    }
}
