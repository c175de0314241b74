package io.gatehouse.analytics.rollup;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the raw-retention settings ({@code gatehouse.usage}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UsageLedgerProperties.class)
class RollupConfiguration {
}
