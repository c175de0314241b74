package io.gatehouse.testsupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A plain Spring MVC endpoint, open to all, that proves MVC still answers beside the Vaadin servlet. */
@TestConfiguration(proxyBeanMethods = false)
public class MvcProbe {

    public static final String PATH = "/test-support/mvc-probe";

    @Bean
    @Order(10)
    SecurityFilterChain mvcProbeSecurityFilterChain(HttpSecurity http) throws Exception {
        return http.securityMatcher(PATH)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }

    /** Registered as a member class of this configuration. */
    @RestController
    public static class ProbeController {

        @GetMapping(path = PATH, produces = MediaType.TEXT_PLAIN_VALUE)
        String probe() {
            return "mvc-ok";
        }
    }
}
