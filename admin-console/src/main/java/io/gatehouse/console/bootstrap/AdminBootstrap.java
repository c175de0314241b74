package io.gatehouse.console.bootstrap;

import io.gatehouse.core.error.ConflictException;
import io.gatehouse.core.error.InvalidInputException;
import io.gatehouse.core.user.Role;
import io.gatehouse.core.user.UserService;
import io.gatehouse.core.user.UserSpec;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the first admin of an empty installation, and never a default password: with
 * {@code GATEHOUSE_ADMIN_PASSWORD} ({@code gatehouse.admin.password}) it creates {@code admin} with
 * that password; else, where {@code gatehouse.admin.generate-password=true} (the dev profile), with a
 * generated one printed once to stdout; else (production) it creates nobody and says how to.
 */
@Component
public class AdminBootstrap implements ApplicationRunner {

    static final String ADMIN = "admin";
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserService users;
    private final String password;
    private final boolean generatePassword;
    private final PrintStream out;

    @Autowired
    public AdminBootstrap(UserService users,
                          @Value("${gatehouse.admin.password:}") String password,
                          @Value("${gatehouse.admin.generate-password:false}") boolean generatePassword) {
        this(users, password, generatePassword, System.out);
    }

    AdminBootstrap(UserService users, String password, boolean generatePassword, PrintStream out) {
        this.users = users;
        this.password = password == null ? "" : password;
        this.generatePassword = generatePassword;
        this.out = out;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.anyExist()) {
            return;
        }
        if (!password.isBlank()) {
            if (create(password)) {
                log.info("Created user '{}' with the password from GATEHOUSE_ADMIN_PASSWORD", ADMIN);
            }
        } else if (generatePassword) {
            String generated = generate();
            if (create(generated)) {
                out.println(banner(generated));
                out.flush();
            }
        } else {
            log.warn("No console user exists and GATEHOUSE_ADMIN_PASSWORD is not set, so nobody can sign in. "
                    + "Set GATEHOUSE_ADMIN_PASSWORD (12 characters or more) and restart to create the user '{}'.", ADMIN);
        }
    }

    private boolean create(String adminPassword) {
        try {
            users.create(new UserSpec(ADMIN, adminPassword, Set.of(Role.ADMIN), null));
            return true;
        } catch (ConflictException raced) {
            log.info("User '{}' was created by another process", ADMIN);
            return false;
        } catch (InvalidInputException invalid) {
            throw new IllegalStateException("GATEHOUSE_ADMIN_PASSWORD is unusable: "
                    + invalid.problems().stream().map(p -> p.detail()).toList(), invalid);
        }
    }

    static String generate() {
        StringBuilder generated = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            generated.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return generated.toString();
    }

    private static String banner(String generated) {
        String rule = "=".repeat(72);
        return String.join(System.lineSeparator(), "", rule,
                "  Gatehouse created the first console user.",
                "    username: " + ADMIN,
                "    password: " + generated,
                "  It is shown only this once and stored only as a hash: keep it now.",
                rule, "");
    }
}
