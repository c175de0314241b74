package io.gatehouse.console.security;

import io.gatehouse.console.problem.ProblemResponseWriter;
import io.gatehouse.console.problem.Problems;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Security of the management API ({@code /api/**}) and of the actuator endpoints. The API is stateless
 * HTTP Basic against console users; what each role may do is decided per endpoint with
 * {@code @PreAuthorize} on the controllers. Requests outside these two chains fall through to the
 * console's chain.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
public class ApiSecurityConfiguration {

    static final String REALM = "gatehouse";

    @Bean
    @Order(0)
    SecurityFilterChain actuatorSecurityFilterChain(HttpSecurity http, ConsoleUserDetailsService users,
                                                    PasswordEncoder passwordEncoder, ProblemResponseWriter problems) throws Exception {
        http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to("health", "prometheus")).permitAll()
                        .anyRequest().hasRole("ADMIN"));
        return stateless(http, users, passwordEncoder, problems).build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, ConsoleUserDetailsService users,
                                               PasswordEncoder passwordEncoder, ProblemResponseWriter problems) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated());
        return stateless(http, users, passwordEncoder, problems).build();
    }

    private static HttpSecurity stateless(HttpSecurity http, ConsoleUserDetailsService users, PasswordEncoder passwordEncoder,
                                          ProblemResponseWriter problems) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, exception) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
            problems.write(response, Problems.of(HttpStatus.UNAUTHORIZED, Problems.UNAUTHORIZED, "Unauthorized",
                    "sign in with HTTP Basic as a console user"));
        };
        AccessDeniedHandler forbidden = (request, response, exception) ->
                problems.write(response, Problems.of(HttpStatus.FORBIDDEN, Problems.FORBIDDEN, "Forbidden",
                        "your roles do not allow this"));
        return http
                .authenticationManager(authenticationManager(users, passwordEncoder))
                .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(unauthorized))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable());
    }

    private static AuthenticationManager authenticationManager(ConsoleUserDetailsService users, PasswordEncoder passwordEncoder) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(passwordEncoder);
        return new ProviderManager(provider);
    }
}
