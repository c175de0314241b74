package io.gatehouse.console.security;

import io.gatehouse.core.user.UserService;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Signs console users in, for the management API and the console alike. */
@Service
public class ConsoleUserDetailsService implements UserDetailsService {

    private final UserService users;

    public ConsoleUserDetailsService(UserService users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return users.find(username).map(ConsoleUserDetails::new)
                .orElseThrow(() -> new UsernameNotFoundException("no user " + username));
    }
}
