package io.gatehouse.console.api.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.gatehouse.core.api.Api;
import io.gatehouse.core.api.event.Channel;
import io.gatehouse.core.api.event.EventSource;
import io.gatehouse.core.api.operation.ApiOperation;
import io.gatehouse.core.api.spec.ImportedApiResult;
import java.util.List;

/**
 * The answer to an import: the API's fields, as {@code GET /apis/{id}} shows them, and the operations
 * (REST) or the channels and event source (EVENT) read from the document.
 */
public record ImportedApiView(@JsonUnwrapped Api api,
                              @JsonInclude(JsonInclude.Include.NON_NULL) List<ApiOperation> operations,
                              @JsonInclude(JsonInclude.Include.NON_NULL) List<Channel> channels,
                              @JsonInclude(JsonInclude.Include.NON_NULL) EventSource source) {

    static ImportedApiView of(ImportedApiResult result) {
        return new ImportedApiView(result.api(), result.operations(), result.channels(),
                result.source() == null ? null : result.source().redacted());
    }
}
