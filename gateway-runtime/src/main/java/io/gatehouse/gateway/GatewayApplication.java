package io.gatehouse.gateway;

import io.gatehouse.core.CoreConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** Runs the gateway alone: the registry domain plus the data plane, no servlet container. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({CoreConfiguration.class, GatewayConfiguration.class})
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(GatewayApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setKeepAlive(true);
        application.run(args);
    }
}
