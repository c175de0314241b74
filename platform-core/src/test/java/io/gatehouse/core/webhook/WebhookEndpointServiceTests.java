package io.gatehouse.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.core.CoreTest;
import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.error.ConflictException;
import io.gatehouse.core.error.FieldProblem;
import io.gatehouse.core.error.InvalidInputException;
import io.gatehouse.core.error.NotFoundException;
import io.gatehouse.core.subscription.Subscription;
import io.gatehouse.core.subscription.SubscriptionAction;
import io.gatehouse.core.subscription.SubscriptionService;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Registration with private networks refused (the default). */
@CoreTest
class WebhookEndpointServiceTests {

    private static final String PUBLIC_URL = "https://93.184.215.14/hooks/gatehouse";

    @Autowired
    WebhookEndpointService endpoints;
    @Autowired
    SubscriptionService subscriptions;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationContext context;

    @Test
    void registersAnEndpointWithItsOwnSecretShownOnce() {
        Subscription subscription = fixtures().subscribeToNewEventApi();

        RegisteredWebhookEndpoint first = endpoints.register(subscription.getId(),
                new WebhookEndpointSpec(PUBLIC_URL, List.of("lights/measured", "lights/measured", "lights/dimmed")));
        RegisteredWebhookEndpoint second = endpoints.register(subscription.getId(),
                new WebhookEndpointSpec(PUBLIC_URL, List.of("lights/measured")));

        assertThat(first.secret()).startsWith("whsec_").isNotEqualTo(second.secret());
        assertThat(first.endpoint().getChannels()).containsExactly("lights/measured", "lights/dimmed");
        assertThat(first.endpoint().getStatus()).isEqualTo(WebhookEndpointStatus.ENABLED);
        assertThat(first.toString()).doesNotContain(first.secret());
        assertThat(endpoints.list(subscription.getId())).extracting(WebhookEndpoint::getId)
                .containsExactly(first.endpoint().getId(), second.endpoint().getId());
        assertThat(jdbc.queryForObject("select secret from webhook_endpoint where id = ?", String.class,
                first.endpoint().getId())).as("sealed at rest").startsWith("ghs1.").isNotEqualTo(first.secret());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1:9443/hooks", "https://localhost/hooks", "https://[::1]/hooks",
            "https://169.254.169.254/latest/meta-data/", "https://10.0.0.5/hooks", "https://192.168.0.10/hooks",
            "https://[fd12:3456::1]/hooks", "http://93.184.215.14/hooks"})
    void refusesPrivateAndPlainHttpCallbacksWithAPointerToTheUrl(String url) {
        Subscription subscription = fixtures().subscribeToNewEventApi();

        assertThatThrownBy(() -> endpoints.register(subscription.getId(), new WebhookEndpointSpec(url, List.of("a"))))
                .isInstanceOfSatisfying(InvalidInputException.class, e ->
                        assertThat(e.problems()).extracting(FieldProblem::pointer).containsExactly("/url"));
        assertThat(endpoints.list(subscription.getId())).isEmpty();
    }

    @Test
    void validatesChannelsAndUrlTogether() {
        Subscription subscription = fixtures().subscribeToNewEventApi();

        assertThatThrownBy(() -> endpoints.register(subscription.getId(), new WebhookEndpointSpec("ftp://x", List.of())))
                .isInstanceOfSatisfying(InvalidInputException.class, e ->
                        assertThat(e.problems()).extracting(FieldProblem::pointer).containsExactly("/channels", "/url"));
        assertThatThrownBy(() -> endpoints.register(subscription.getId(), new WebhookEndpointSpec(PUBLIC_URL, List.of("a b"))))
                .isInstanceOfSatisfying(InvalidInputException.class, e ->
                        assertThat(e.problems()).extracting(FieldProblem::pointer).containsExactly("/channels/0"));
    }

    @Test
    void onlyLiveSubscriptionsToEventApisTakeWebhooks() {
        WebhookFixtures fixtures = fixtures();
        Subscription rest = fixtures.subscribe(fixtures.publish(ApiType.REST));
        assertThatThrownBy(() -> endpoints.register(rest.getId(), new WebhookEndpointSpec(PUBLIC_URL, List.of("a"))))
                .isInstanceOf(ConflictException.class).hasMessageContaining("REST API");

        Subscription cancelled = fixtures.subscribeToNewEventApi();
        subscriptions.apply(cancelled.getId(), SubscriptionAction.CANCEL);
        assertThatThrownBy(() -> endpoints.register(cancelled.getId(), new WebhookEndpointSpec(PUBLIC_URL, List.of("a"))))
                .isInstanceOf(ConflictException.class).hasMessageContaining("CANCELLED");

        assertThatThrownBy(() -> endpoints.register(UUID.randomUUID(), new WebhookEndpointSpec(PUBLIC_URL, List.of("a"))))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void atMostTenEndpointsPerSubscription() {
        Subscription subscription = fixtures().subscribeToNewEventApi();
        for (int i = 0; i < WebhookEndpointService.MAX_PER_SUBSCRIPTION; i++) {
            endpoints.register(subscription.getId(), new WebhookEndpointSpec(PUBLIC_URL, List.of("a")));
        }
        assertThatThrownBy(() -> endpoints.register(subscription.getId(), new WebhookEndpointSpec(PUBLIC_URL, List.of("a"))))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void anEndpointIsReachedOnlyThroughItsOwnSubscription() {
        Subscription owner = fixtures().subscribeToNewEventApi();
        Subscription other = fixtures().subscribeToNewEventApi();
        UUID id = endpoints.register(owner.getId(), new WebhookEndpointSpec(PUBLIC_URL, List.of("a"))).endpoint().getId();

        assertThatThrownBy(() -> endpoints.get(other.getId(), id)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> endpoints.delete(other.getId(), id)).isInstanceOf(NotFoundException.class);
        endpoints.delete(owner.getId(), id);
        assertThatThrownBy(() -> endpoints.get(owner.getId(), id)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aPutChangesUrlAndChannelsAndDisablesOrReEnables() {
        Subscription subscription = fixtures().subscribeToNewEventApi();
        UUID id = endpoints.register(subscription.getId(), new WebhookEndpointSpec(PUBLIC_URL, List.of("a"))).endpoint().getId();

        WebhookEndpoint paused = endpoints.update(subscription.getId(), id,
                new WebhookEndpointSpec("https://93.184.215.15/v2", List.of("b"), WebhookEndpointStatus.DISABLED));
        assertThat(paused.getStatus()).isEqualTo(WebhookEndpointStatus.DISABLED);
        assertThat(paused.getDisabledReason()).isNotBlank();
        assertThat(paused.getUrl()).isEqualTo("https://93.184.215.15/v2");
        assertThat(paused.getChannels()).containsExactly("b");

        WebhookEndpoint resumed = endpoints.update(subscription.getId(), id,
                new WebhookEndpointSpec("https://93.184.215.15/v2", List.of("b"), WebhookEndpointStatus.ENABLED));
        assertThat(resumed.getStatus()).isEqualTo(WebhookEndpointStatus.ENABLED);
        assertThat(resumed.getDisabledReason()).isNull();

        assertThatThrownBy(() -> endpoints.update(subscription.getId(), id,
                new WebhookEndpointSpec("https://127.0.0.1/x", List.of("b"), null))).isInstanceOf(InvalidInputException.class);
    }

    private WebhookFixtures fixtures() {
        return new WebhookFixtures(context);
    }
}
