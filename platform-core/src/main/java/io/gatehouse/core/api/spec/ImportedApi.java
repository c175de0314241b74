package io.gatehouse.core.api.spec;

import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.api.operation.OperationSpec;
import java.util.List;

/**
 * What an importer read from a document: the API's type, name, version and description (from the
 * document's {@code info}), and its operations (REST). Checked already: every operation is valid.
 */
public record ImportedApi(ApiType type, String name, String version, String description, List<OperationSpec> operations) {

    public ImportedApi {
        operations = operations == null ? List.of() : List.copyOf(operations);
    }
}
