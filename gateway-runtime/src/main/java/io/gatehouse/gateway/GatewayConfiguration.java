package io.gatehouse.gateway;

import io.gatehouse.core.process.ConditionalOnProcessRole;
import io.gatehouse.core.process.ProcessRole;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** The data plane. Present in processes whose roles include the gateway. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProcessRole(ProcessRole.GATEWAY)
@ComponentScan
public class GatewayConfiguration {
}
