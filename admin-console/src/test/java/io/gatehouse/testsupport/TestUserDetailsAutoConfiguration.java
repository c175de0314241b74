package io.gatehouse.testsupport;

import io.gatehouse.core.user.UserService;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Signs console users in from {@link UserService} in tests, for as long as the application itself
 * provides no {@link UserDetailsService}; it backs off as soon as the application has one.
 */
@AutoConfiguration(before = UserDetailsServiceAutoConfiguration.class)
@ConditionalOnBean(UserService.class)
public class TestUserDetailsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(UserDetailsService.class)
    UserDetailsService testConsoleUserDetailsService(UserService users) {
        return username -> users.find(username)
                .map(user -> User.withUsername(user.getUsername())
                        .password(user.getPasswordHash())
                        .roles(user.getRoles().stream().map(Enum::name).toArray(String[]::new))
                        .build())
                .orElseThrow(() -> new UsernameNotFoundException(username));
    }
}
