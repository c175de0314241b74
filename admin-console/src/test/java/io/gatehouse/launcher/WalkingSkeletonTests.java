package io.gatehouse.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.usage.UsageSink;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The whole path, as a new user walks it, through every module over real HTTP: publish an
 * API with the management API, call it through the gateway with a key, get limited, and find every
 * call counted in the usage API and the billing CSV.
 */
class WalkingSkeletonTests extends GatewayEndToEndSupport {

    @Autowired
    UsageSink usage;

    @Test
    void publishCallLimitMeterAndExport() throws Exception {
        String context = "/walk-" + unique() + "/v1";
        String apiId = admin().post("/api/v1/apis", """
                {"name":"Walk","version":"v1","context":"%s","type":"REST","upstream":"%s"}
                """.formatted(context, upstream.url())).expect(201).id();
        String planId = admin().post("/api/v1/apis/" + apiId + "/plans", """
                {"name":"Gold","auth":"API_KEY","rateLimits":[{"limit":3,"period":"PT1H"}],
                 "pricing":{"model":"PER_UNIT","currency":"EUR","unitPrice":"0.25","meter":"REQUESTS"}}
                """).expect(201).id();
        admin().post("/api/v1/apis/" + apiId + "/lifecycle", "{\"state\":\"PUBLISHED\"}").expect(200);
        String orgId = createOrganization();
        String appId = createApplication(orgId);
        String key = admin().post("/api/v1/applications/" + appId + "/api-keys", "{\"name\":\"ci\"}").expect(201).json().get("key").asString();
        admin().post("/api/v1/subscriptions", "{\"applicationId\":\"" + appId + "\",\"planId\":\"" + planId + "\"}").expect(201);

        awaitGatewayServesCurrentRegistry();
        assertThat(call(context + "/pets?kind=cat", key).statusCode()).isEqualTo(200);
        HttpResponse<String> ok = call(context + "/pets/1", key);
        assertThat(ok.body()).isEqualTo("{\"path\":\"/pets/1\"}");
        assertThat(ok.headers().firstValue("RateLimit")).isPresent();
        assertThat(call(context + "/pets/2", key).statusCode()).isEqualTo(200);

        HttpResponse<String> limited = call(context + "/pets/3", key);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(limited.headers().firstValue("RateLimit-Policy")).isPresent();
        assertThat(call(context + "/pets", null).statusCode()).isEqualTo(401);
        assertThat(call("/nobody-published-this/v1", key).statusCode()).isEqualTo(404);

        usage.flush();
        JsonNode summary = admin().get("/api/v1/usage?from=2020-01-01&to=2100-01-01").expect(200).json().valueStream()
                .filter(row -> apiId.equals(row.get("apiId").asString()) && appId.equals(row.path("applicationId").asString()))
                .findFirst().orElseThrow();
        assertThat(summary.get("requests").asLong()).isEqualTo(4);
        assertThat(summary.get("accepted").asLong()).isEqualTo(3);
        assertThat(summary.get("rejected").asLong()).isEqualTo(1);

        String csv = admin().get("/api/v1/billing/usage-report?from=2020-01-01&to=2100-01-01", "text/csv").expect(200).body();
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords().stream()
                .filter(row -> row.get("api").equals("Walk") && row.get("plan").equals("Gold") && row.get("application").startsWith("app-"))
                .filter(row -> !row.get("quantity").equals("0"))
                .toList();
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.get("meter")).isEqualTo("REQUESTS");
            assertThat(row.get("quantity")).isEqualTo("3");
            assertThat(row.get("unit_price")).isEqualTo("0.25");
            assertThat(row.get("amount")).isEqualTo("0.75");
            assertThat(row.get("currency")).isEqualTo("EUR");
        });
    }

    private HttpResponse<String> call(String path, String key) throws IOException, InterruptedException {
        return callGateway(path, "X-API-Key", key);
    }
}
