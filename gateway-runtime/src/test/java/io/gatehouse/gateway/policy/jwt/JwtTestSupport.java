package io.gatehouse.gateway.policy.jwt;

import io.gatehouse.gateway.GatewayIntegrationSupport;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** Registers OAuth clients for test applications and calls the gateway with an Authorization header. */
abstract class JwtTestSupport extends GatewayIntegrationSupport {

    protected String registerClient(Caller caller) {
        String id = "client-" + UUID.randomUUID();
        jdbc.update("insert into oauth_client (application_id, client_id, secret_hash) values (?, ?, 'unused')",
                caller.application().getId(), id);
        return id;
    }

    protected HttpResponse<String> call(String pathAndQuery, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway(pathAndQuery)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.GET().build());
    }
}
