package io.gatehouse.gateway.route;

import io.gatehouse.core.snapshot.GatewaySnapshot.ServedApi;
import io.gatehouse.gateway.policy.PolicyChain;

/** A served API, the policy chain built for it from one snapshot, and the matcher of its operations. */
public record Route(ServedApi api, PolicyChain chain, OperationMatcher operations) {

    public Route(ServedApi api, PolicyChain chain) {
        this(api, chain, OperationMatcher.of(api.operations()));
    }

    public String context() {
        return api.context();
    }
}
