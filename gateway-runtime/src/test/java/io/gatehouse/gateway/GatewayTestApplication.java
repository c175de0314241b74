package io.gatehouse.gateway;

import io.gatehouse.core.CoreConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The gateway process as the integration tests run it: registry domain plus data plane. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({CoreConfiguration.class, GatewayConfiguration.class})
public class GatewayTestApplication {
}
