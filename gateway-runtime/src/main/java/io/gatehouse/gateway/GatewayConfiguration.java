package io.gatehouse.gateway;

import io.gatehouse.core.process.ConditionalOnProcessRole;
import io.gatehouse.core.process.ProcessRole;
import io.gatehouse.gateway.accesslog.AccessLogProperties;
import io.gatehouse.gateway.event.EventProperties;
import io.gatehouse.gateway.event.source.EventSourceProperties;
import io.gatehouse.gateway.policy.jwt.JwtAuthConfig;
import io.gatehouse.gateway.proxy.ProxyProperties;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;

/**
 * The data plane. Present in processes whose roles include the gateway. Application classes
 * ({@code @SpringBootConfiguration}, such as {@link GatewayApplication}) are not picked up by the scan.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProcessRole(ProcessRole.GATEWAY)
@EnableConfigurationProperties({GatewayProperties.class, ProxyProperties.class, JwtAuthConfig.class, AccessLogProperties.class,
        EventProperties.class, EventSourceProperties.class})
@ComponentScan(excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootConfiguration.class))
public class GatewayConfiguration {
}
