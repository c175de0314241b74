package io.gatehouse.console;

import io.gatehouse.core.process.ConditionalOnProcessRole;
import io.gatehouse.core.process.ProcessRole;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** The control plane: console, portal, management API and their security. Absent from gateway-only processes. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProcessRole(ProcessRole.CONTROL_PLANE)
@ComponentScan
public class ControlPlaneConfiguration {
}
