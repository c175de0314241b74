package io.gatehouse.gateway.route;

import io.gatehouse.core.snapshot.GatewaySnapshot.ServedApi;
import io.gatehouse.gateway.policy.PolicyChain;

/**
 * A served API, the policy chain built for it from one snapshot, and the matchers of its REST
 * operations and of its event channels (each empty when it has none).
 */
public record Route(ServedApi api, PolicyChain chain, OperationMatcher operations, ChannelMatcher channels) {

    public Route(ServedApi api, PolicyChain chain, OperationMatcher operations) {
        this(api, chain, operations, ChannelMatcher.of(api.channels()));
    }

    public Route(ServedApi api, PolicyChain chain) {
        this(api, chain, OperationMatcher.of(api.operations()));
    }

    public String context() {
        return api.context();
    }
}
