package io.gatehouse.gateway.route;

import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.snapshot.GatewaySnapshot;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedApi;
import io.gatehouse.gateway.policy.ChainAssembler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The routes of one config snapshot, immutable. A request path matches the route with the longest
 * context that is a prefix of it on whole segments: {@code /petstore/v1} serves {@code /petstore/v1}
 * and {@code /petstore/v1/pets} but not {@code /petstore/v10}.
 */
public final class RouteTable {

    private static final RouteTable EMPTY = new RouteTable(0, List.of());

    private final GatewaySnapshot snapshot;
    private final long version;
    private final Map<String, Route> byContext;
    private final int deepestContext;

    public RouteTable(long version, List<Route> routes) {
        this(GatewaySnapshot.empty(), version, routes);
    }

    private RouteTable(GatewaySnapshot snapshot, long version, List<Route> routes) {
        this.snapshot = snapshot;
        this.version = version;
        Map<String, Route> map = new HashMap<>();
        int deepest = 0;
        for (Route route : routes) {
            map.put(route.context(), route);
            deepest = Math.max(deepest, segments(route.context()));
        }
        this.byContext = Map.copyOf(map);
        this.deepestContext = deepest;
    }

    public static RouteTable empty() {
        return EMPTY;
    }

    /** Compiles the REST APIs of {@code snapshot} that have an upstream, and its EVENT APIs, each with its chain. */
    public static RouteTable compile(GatewaySnapshot snapshot, ChainAssembler assembler) {
        List<Route> routes = snapshot.apisByContext().values().stream()
                .filter(api -> api.type() == ApiType.REST && api.upstream() != null || api.type() == ApiType.EVENT)
                .map(api -> new Route(api, assembler.chainFor(snapshot, api)))
                .toList();
        return new RouteTable(snapshot, snapshot.version(), routes);
    }

    /** The snapshot these routes were compiled from (empty for a table made by hand). */
    public GatewaySnapshot snapshot() {
        return snapshot;
    }

    public long version() {
        return version;
    }

    public int size() {
        return byContext.size();
    }

    /** The route serving {@code path} (raw, without query), or null. */
    public Route match(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            return null;
        }
        String candidate = truncate(path, deepestContext);
        while (true) {
            Route route = byContext.get(candidate);
            if (route != null) {
                return route;
            }
            int slash = candidate.lastIndexOf('/');
            if (slash <= 0) {
                return null;
            }
            candidate = candidate.substring(0, slash);
        }
    }

    public List<ServedApi> apis() {
        return byContext.values().stream().map(Route::api).toList();
    }

    private static String truncate(String path, int segments) {
        int seen = 0;
        for (int i = 1; i < path.length(); i++) {
            if (path.charAt(i) == '/' && ++seen == segments) {
                return path.substring(0, i);
            }
        }
        return path;
    }

    private static int segments(String context) {
        int count = 0;
        for (int i = 0; i < context.length(); i++) {
            if (context.charAt(i) == '/') {
                count++;
            }
        }
        return count;
    }
}
