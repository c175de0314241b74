package io.gatehouse.core.api.spec;

import io.gatehouse.core.api.Api;
import io.gatehouse.core.api.operation.ApiOperation;
import java.util.List;

/** An API created from a document, with the operations read from it. */
public record ImportedApiResult(Api api, List<ApiOperation> operations) {
}
