package io.gatehouse.gateway.route;

import io.gatehouse.core.snapshot.GatewaySnapshot.ServedApi;
import io.gatehouse.gateway.policy.PolicyChain;

/** A served API and the policy chain built for it from one snapshot. */
public record Route(ServedApi api, PolicyChain chain) {

    public String context() {
        return api.context();
    }
}
