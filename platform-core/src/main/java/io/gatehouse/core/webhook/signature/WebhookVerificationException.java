package io.gatehouse.core.webhook.signature;

/** A webhook failed verification: a header is missing or malformed, the timestamp is out of tolerance, or no signature matches. */
public class WebhookVerificationException extends RuntimeException {

    public WebhookVerificationException(String message) {
        super(message);
    }
}
