package io.gatehouse.launcher;

import io.gatehouse.analytics.AnalyticsConfiguration;
import io.gatehouse.console.ControlPlaneConfiguration;
import io.gatehouse.core.CoreConfiguration;
import io.gatehouse.core.process.ProcessRole;
import io.gatehouse.gateway.GatewayConfiguration;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * The Gatehouse process. {@code GATEHOUSE_ROLES} picks what it runs: the control plane (console,
 * portal, management API on :9000), the gateway (:8000, with health and metrics on :8001), or both.
 */
@SpringBootApplication
@AutoConfigurationPackage(basePackages = "io.gatehouse.console")
@Import({CoreConfiguration.class, GatewayConfiguration.class, AnalyticsConfiguration.class, ControlPlaneConfiguration.class})
public class GatehouseApplication {

    public static void main(String[] args) {
        if (!developmentMode(args) && blank(System.getenv("GATEHOUSE_DB_URL")) && !hasArgument(args, "--spring.datasource.url=")) {
            System.err.println("gatehouse: GATEHOUSE_DB_URL (with GATEHOUSE_DB_USER and GATEHOUSE_DB_PASSWORD) is required;"
                    + " ./gatehouse start-dev runs on an embedded database instead.");
            System.exit(2);
        }
        application().run(args);
    }

    private static boolean developmentMode(String[] args) {
        String profiles = System.getenv("SPRING_PROFILES_ACTIVE");
        return hasArgument(args, "--spring.profiles.active=dev") || hasArgument(args, "--gatehouse.db.embedded=true")
                || (profiles != null && profiles.contains("dev"));
    }

    private static boolean hasArgument(String[] args, String prefix) {
        for (String arg : args) {
            if (arg.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    static SpringApplication application() {
        SpringApplication application = new SpringApplication(GatehouseApplication.class);
        Set<ProcessRole> roles = ProcessRole.parse(System.getenv("GATEHOUSE_ROLES"));
        if (!roles.contains(ProcessRole.CONTROL_PLANE)) {
            application.setAdditionalProfiles("gateway-only");
        }
        return application;
    }
}
