package io.gatehouse.console.security;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import io.gatehouse.console.ui.LoginView;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The catch-all filter chain of the Vaadin app: the console ({@code /console}, form login at
 * {@code /console/login}) and the portal ({@code /portal}). It matches every request, so it must stay
 * the last chain: the management API and actuator chains carry a lower {@link Order} and their own
 * {@code securityMatcher}. Which views a user may open is decided by the views' annotations
 * ({@code @RolesAllowed}, {@code @AnonymousAllowed}) through Vaadin's navigation access control.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class ConsoleSecurityConfiguration {

    static final String LOGIN_PATH = "/console/login";

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain consoleSecurityFilterChain(HttpSecurity http) throws Exception {
        return http
                .with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin
                        .loginView(LoginView.class, LOGIN_PATH + "?logout")
                        .defaultSuccessUrl("/console"))
                .build();
    }
}
