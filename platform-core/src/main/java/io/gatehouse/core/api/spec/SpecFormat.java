package io.gatehouse.core.api.spec;

/** The kinds of API description documents Gatehouse knows, stored with an imported document. */
public enum SpecFormat {
    /** OpenAPI 3.0 or 3.1: a REST API and its operations. */
    OPENAPI,
    /** AsyncAPI 2.6 or 3.x: an event API and its channels. */
    ASYNCAPI
}
