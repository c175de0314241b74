package io.gatehouse.analytics;

import io.gatehouse.core.process.ConditionalOnProcessRole;
import io.gatehouse.core.process.ProcessRole;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Usage queries, rating, invoices and exports; part of the control plane. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProcessRole(ProcessRole.CONTROL_PLANE)
@ComponentScan
public class AnalyticsConfiguration {
}
