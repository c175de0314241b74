package io.gatehouse.gateway.event;

import io.gatehouse.core.plan.PlanSpec.Permission;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedChannel;
import io.gatehouse.gateway.exchange.Exchange;
import io.gatehouse.gateway.problem.Problem;
import io.gatehouse.gateway.problem.ProblemType;

/**
 * Whether an admitted caller may subscribe to, or publish on, a channel: the channel must offer the
 * direction and the plan of the caller's subscription must permit it.
 */
public final class ChannelAccess {

    private ChannelAccess() {
    }

    /** True when both the channel and the caller's plan allow {@code permission}. */
    public static boolean allows(Exchange exchange, ServedChannel channel, Permission permission) {
        return refusal(exchange, channel, permission) == null;
    }

    /** The 403 problem that refuses {@code permission}, or null when it is allowed. */
    public static Problem refusal(Exchange exchange, ServedChannel channel, Permission permission) {
        boolean channelAllows = permission == Permission.PUBLISH ? channel.publish() : channel.subscribe();
        if (!channelAllows) {
            return ProblemType.FORBIDDEN.withDetail("Channel '" + channel.name() + "' does not accept " + permission + ".");
        }
        if (exchange.plan() == null || !exchange.plan().permits(permission)) {
            return ProblemType.FORBIDDEN.withDetail("The plan" + (exchange.plan() == null ? "" : " '" + exchange.plan().name() + "'")
                    + " does not permit " + permission + " on API '" + exchange.api().name() + "'.");
        }
        return null;
    }
}
