package io.gatehouse.core.api.spec;

import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.api.event.ChannelSpec;
import io.gatehouse.core.api.operation.OperationSpec;
import java.util.List;

/**
 * What an importer read from a document: the API's type, name, version and description (from the
 * document's {@code info}), and its operations (REST) or channels (EVENT). Checked already: every
 * operation and channel is valid.
 */
public record ImportedApi(ApiType type, String name, String version, String description, List<OperationSpec> operations,
                          List<ChannelSpec> channels) {

    public ImportedApi {
        operations = operations == null ? List.of() : List.copyOf(operations);
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    /** A REST API and its operations. */
    public ImportedApi(ApiType type, String name, String version, String description, List<OperationSpec> operations) {
        this(type, name, version, description, operations, List.of());
    }
}
