package io.gatehouse.core.webhook;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The wire shape of {@code POST /subscriptions/{id}/webhooks} and of its PUT: where to deliver and
 * which channels of the subscription's API. On a PUT, {@code status} {@code ENABLED} re-enables a
 * disabled endpoint and {@code DISABLED} pauses it; left out, the status stays.
 */
public record WebhookEndpointSpec(
        @NotBlank @Size(max = CallbackAddresses.MAX_URL_LENGTH) String url,
        @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 200) @Pattern(regexp = "\\S+", message = "must not contain spaces") String> channels,
        WebhookEndpointStatus status) {

    public WebhookEndpointSpec(String url, List<String> channels) {
        this(url, channels, null);
    }
}
