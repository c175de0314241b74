package io.gatehouse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.gateway.server.GatewayServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

class GatewayApplicationTests {

    @TempDir
    Path localData;

    @Test
    void theGatewayRunsAloneWithoutAServletContainer() throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(GatewayApplication.class)
                .web(WebApplicationType.NONE)
                .properties("gatehouse.db.embedded=true", "gatehouse.gateway.port=0", "gatehouse.gateway.host=127.0.0.1",
                        "spring.flyway.locations=classpath:db/migration", "spring.jpa.hibernate.ddl-auto=validate",
                        "gatehouse.gateway.usage.journal-dir=" + localData.resolve("usage-journal"),
                        "gatehouse.gateway.snapshot-cache=" + localData.resolve("snapshot.json"))
                .run()) {
            GatewayServer server = context.getBean(GatewayServer.class);
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/nothing/here")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).contains("https://gatehouse.dev/problems/no-route");
        }
    }
}
