package io.gatehouse.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedApi;
import io.gatehouse.gateway.policy.PolicyChain;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RouteTableTests {

    private final RouteTable table = new RouteTable(1, List.of(route("/petstore/v1"), route("/petstore"),
            route("/petstore/v1/admin"), route("/weather/v2")));

    @Test
    void matchesTheLongestContextOnWholeSegments() {
        assertThat(context("/petstore/v1")).isEqualTo("/petstore/v1");
        assertThat(context("/petstore/v1/")).isEqualTo("/petstore/v1");
        assertThat(context("/petstore/v1/pets")).isEqualTo("/petstore/v1");
        assertThat(context("/petstore/v1/pets/1/photos")).isEqualTo("/petstore/v1");
        assertThat(context("/petstore/v1/admin/users")).isEqualTo("/petstore/v1/admin");
        assertThat(context("/petstore/v10")).isEqualTo("/petstore");
        assertThat(context("/petstore/v1x/pets")).isEqualTo("/petstore");
        assertThat(context("/weather/v2/today")).isEqualTo("/weather/v2");
    }

    @Test
    void matchesNothingOutsideEveryContext() {
        assertThat(table.match("/weather/v20")).isNull();
        assertThat(table.match("/weather")).isNull();
        assertThat(table.match("/")).isNull();
        assertThat(table.match("")).isNull();
        assertThat(table.match("petstore/v1")).isNull();
        assertThat(RouteTable.empty().match("/petstore/v1")).isNull();
    }

    private String context(String path) {
        Route route = table.match(path);
        return route == null ? null : route.context();
    }

    private static Route route(String context) {
        ServedApi api = new ServedApi(UUID.randomUUID(), context, context, ApiType.REST, URI.create("http://127.0.0.1:1"),
                null, Map.of());
        return new Route(api, new PolicyChain(List.of()));
    }
}
