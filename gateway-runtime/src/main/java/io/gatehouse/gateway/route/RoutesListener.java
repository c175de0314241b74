package io.gatehouse.gateway.route;

/**
 * Told each time the gateway starts serving a new route table (a new registry snapshot), after it is
 * in place. Called on the thread that installed it: return quickly, do slow work elsewhere.
 */
public interface RoutesListener {

    void routesInstalled(RouteTable table);
}
