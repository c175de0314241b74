package io.gatehouse.core.webhook;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookConfiguration {

    @Bean
    CallbackAddresses callbackAddresses(WebhookProperties properties) {
        return new CallbackAddresses(properties.allowPrivateNetworks(), CallbackAddresses.Resolver.SYSTEM);
    }
}
