package io.gatehouse.gateway.policy.metering;

/**
 * Settings of {@link MeteringPolicy}.
 *
 * @param gatewayNode the name of this gateway, stored in every usage record
 */
public record MeteringConfig(String gatewayNode) {

    public MeteringConfig {
        if (gatewayNode == null || gatewayNode.isBlank()) {
            throw new IllegalArgumentException("metering: gatewayNode must not be blank");
        }
    }
}
