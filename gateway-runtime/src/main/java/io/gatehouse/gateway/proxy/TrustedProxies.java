package io.gatehouse.gateway.proxy;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import java.net.InetSocketAddress;
import java.util.List;

/** The peers whose {@code X-Forwarded-*} headers the gateway believes: addresses or CIDR blocks, IPv4 or IPv6. */
final class TrustedProxies {

    private final List<IpSubnetFilterRule> rules;

    TrustedProxies(List<String> blocks) {
        this.rules = blocks.stream().map(TrustedProxies::rule).toList();
    }

    boolean trustsAny() {
        return !rules.isEmpty();
    }

    boolean trusts(InetSocketAddress peer) {
        if (peer == null) {
            return false;
        }
        for (IpSubnetFilterRule rule : rules) {
            if (rule.matches(peer)) {
                return true;
            }
        }
        return false;
    }

    private static IpSubnetFilterRule rule(String block) {
        String trimmed = block.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        int prefix = slash < 0 ? (address.contains(":") ? 128 : 32) : Integer.parseInt(trimmed.substring(slash + 1));
        try {
            return new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gatehouse.gateway.proxy.trusted-proxies: '" + block + "' is not an address or CIDR block", e);
        }
    }
}
