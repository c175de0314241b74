package io.gatehouse.console.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.console.ManagementApiTestSupport;
import io.gatehouse.core.user.ConsoleUser;
import io.gatehouse.core.user.Role;
import io.gatehouse.core.user.UserService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class AdminBootstrapTests extends ManagementApiTestSupport {

    @Autowired
    UserService users;
    @Autowired
    PasswordEncoder passwordEncoder;
    @Autowired
    PlatformTransactionManager transactions;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void theAdminPasswordFromThePropertySignsIn() {
        ConsoleUser admin = users.find("admin").orElseThrow();
        assertThat(admin.getRoles()).containsExactly(Role.ADMIN);
        assertThat(admin.getPasswordHash()).doesNotContain(ADMIN_PASSWORD);
        admin().get("/api/v1/users").expect(200);
    }

    @Test
    void anInstallationWithUsersIsLeftAlone() {
        new AdminBootstrap(users, "another-password-123", true, out).run(null);
        assertThat(passwordEncoder.matches(ADMIN_PASSWORD, users.find("admin").orElseThrow().getPasswordHash())).isTrue();
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void withoutAPasswordAProductionRunCreatesNobody() {
        onAnEmptyInstallation(users -> {
            new AdminBootstrap(users, "", false, out).run(null);
            assertThat(users.anyExist()).isFalse();
            assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
        });
    }

    @Test
    void aGivenPasswordCreatesTheAdmin() {
        onAnEmptyInstallation(users -> {
            new AdminBootstrap(users, "chosen-password-42", false, out).run(null);
            ConsoleUser admin = users.find("admin").orElseThrow();
            assertThat(admin.getRoles()).containsExactly(Role.ADMIN);
            assertThat(passwordEncoder.matches("chosen-password-42", admin.getPasswordHash())).isTrue();
            assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("chosen-password-42");
        });
    }

    @Test
    void aWeakGivenPasswordStopsStartup() {
        onAnEmptyInstallation(users -> {
            assertThatThrownBy(() -> new AdminBootstrap(users, "short", false, out).run(null))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("GATEHOUSE_ADMIN_PASSWORD");
            assertThat(users.anyExist()).isFalse();
        });
    }

    @Test
    void theDevProfileGeneratesAStrongPasswordAndPrintsItOnce() {
        onAnEmptyInstallation(users -> {
            new AdminBootstrap(users, "", true, out).run(null);
            String banner = printed.toString(StandardCharsets.UTF_8);
            Matcher password = Pattern.compile("password: (\\S+)").matcher(banner);
            assertThat(password.find()).isTrue();
            assertThat(password.group(1)).hasSizeGreaterThanOrEqualTo(20);
            assertThat(banner).contains("username: admin");
            assertThat(passwordEncoder.matches(password.group(1), users.find("admin").orElseThrow().getPasswordHash())).isTrue();

            new AdminBootstrap(users, "", true, out).run(null);
            assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo(banner);
        });
    }

    @Test
    void generatedPasswordsDiffer() {
        assertThat(AdminBootstrap.generate()).isNotEqualTo(AdminBootstrap.generate());
    }

    /** Runs with no console user in a transaction that is rolled back, so the shared database keeps its admin. */
    private void onAnEmptyInstallation(Consumer<UserService> check) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            jdbc.update("delete from console_user");
            check.accept(users);
            status.setRollbackOnly();
        });
    }
}
