package io.gatehouse.core.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Where webhook callbacks may go: the guard against server-side request forgery. A callback URL is
 * an absolute {@code https} URL (plain {@code http} too when private networks are allowed) without
 * credentials or fragment, whose host resolves only to public unicast addresses. Refused: loopback,
 * unspecified ({@code 0.0.0.0}, {@code ::}), link-local (with the cloud metadata address
 * 169.254.169.254), private (10/8, 172.16/12, 192.168/16), shared (100.64/10), unique-local
 * ({@code fc00::/7}) and site-local IPv6, multicast, reserved and benchmarking ranges, and IPv6 forms that
 * embed such an IPv4 address. Every address a name resolves to must pass, so that a name cannot mix
 * a public and a private one.
 *
 * <p>The check runs when an endpoint is registered and again before every attempt, on a fresh
 * resolution (a name may be rebound to a private address after registration): the sender then
 * connects to exactly the address that was checked. With {@code allowPrivateNetworks} (development
 * and tests) only the URL's shape is checked.
 */
public final class CallbackAddresses {

    /** Resolves host names; {@link #SYSTEM} asks the JDK (and so the operating system). */
    @FunctionalInterface
    public interface Resolver {
        Resolver SYSTEM = InetAddress::getAllByName;

        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public static final int MAX_URL_LENGTH = 2000;

    private final boolean allowPrivateNetworks;
    private final Resolver resolver;

    public CallbackAddresses(boolean allowPrivateNetworks, Resolver resolver) {
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.resolver = resolver;
    }

    public boolean allowsPrivateNetworks() {
        return allowPrivateNetworks;
    }

    /**
     * Checks a URL given for registration, resolving its host.
     *
     * @return the URL, parsed
     * @throws CallbackRefusedException saying what is wrong with it
     */
    public URI check(String url) {
        URI uri = parse(url);
        addressFor(uri);
        return uri;
    }

    /**
     * Resolves the URL's host now and returns the address to connect to: the first one it resolves to,
     * after every one of them passed.
     *
     * @throws CallbackRefusedException when the host does not resolve or resolves to a forbidden address
     */
    public InetAddress addressFor(URI uri) {
        String host = uri.getHost();
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new CallbackRefusedException("the host " + host + " does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            throw new CallbackRefusedException("the host " + host + " does not resolve");
        }
        if (!allowPrivateNetworks) {
            for (InetAddress address : addresses) {
                String range = forbiddenRange(address);
                if (range != null) {
                    throw new CallbackRefusedException("the host " + host + " resolves to " + address.getHostAddress()
                            + " (" + range + "); callbacks go to public addresses only");
                }
            }
        }
        return Arrays.stream(addresses).findFirst().orElseThrow();
    }

    /** The URL's shape: absolute http(s), a host, no credentials, no fragment. */
    URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw new CallbackRefusedException("a callback URL is required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw new CallbackRefusedException("must be at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new CallbackRefusedException("is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowPrivateNetworks && scheme.equals("http"))) {
            throw new CallbackRefusedException(allowPrivateNetworks ? "must be an http or https URL" : "must be an https URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new CallbackRefusedException("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new CallbackRefusedException("must not carry credentials; verify the webhook-signature header instead");
        }
        if (uri.getRawFragment() != null) {
            throw new CallbackRefusedException("must not carry a fragment");
        }
        return uri;
    }

    /** The name of the forbidden range an address lies in, or {@code null} for a public unicast address. */
    public static String forbiddenRange(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        byte[] bytes = address.getAddress();
        return address instanceof Inet4Address ? forbiddenIpv4(bytes) : forbiddenIpv6((Inet6Address) address, bytes);
    }

    private static String forbiddenIpv4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0) {
            return "\"this network\"";
        }
        if (first == 100 && (second & 0xc0) == 64) {
            return "shared (carrier-grade NAT)";
        }
        if (first == 192 && second == 0 && (b[2] & 0xff) == 0) {
            return "IETF protocol";
        }
        if (first == 198 && (second & 0xfe) == 18) {
            return "benchmarking";
        }
        if (first >= 240) {
            return "reserved";
        }
        return null;
    }

    private static String forbiddenIpv6(Inet6Address address, byte[] b) {
        if ((b[0] & 0xfe) == 0xfc) {
            return "unique-local";
        }
        if (address.isIPv4CompatibleAddress()) {
            return embedded(b, 12);
        }
        if (b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12)) {
            return embedded(b, 12);
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return embedded(b, 2);
        }
        return null;
    }

    /** An IPv6 address that carries an IPv4 one (compatible, NAT64, 6to4) is judged by that IPv4 address. */
    private static String embedded(byte[] b, int offset) {
        try {
            InetAddress inner = InetAddress.getByAddress(Arrays.copyOfRange(b, offset, offset + 4));
            String range = forbiddenRange(inner);
            return range == null ? null : range + " IPv4 (embedded in IPv6)";
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
