package io.gatehouse.console.api.rest;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.gatehouse.core.api.Api;
import io.gatehouse.core.api.operation.ApiOperation;
import java.util.List;

/** The answer to an import: the API's fields, as {@code GET /apis/{id}} shows them, and the operations read from the document. */
public record ImportedApiView(@JsonUnwrapped Api api, List<ApiOperation> operations) {
}
