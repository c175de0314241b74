package io.gatehouse.core.api.operation;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An operation of a REST API: a method and a path template below the API's context, named by an
 * {@code operationId} when the document gave one, and the OAuth scopes a token must carry to call it.
 */
@Entity
@Table(name = "api_operation")
public class ApiOperation {

    @Id
    private UUID id;
    private UUID apiId;
    @Enumerated(EnumType.STRING)
    private OperationMethod method;
    private String path;
    private String operationId;
    private String summary;
    @JdbcTypeCode(SqlTypes.ARRAY)
    private String[] scopes;
    private Instant createdAt;
    private Instant updatedAt;

    protected ApiOperation() {
    }

    static ApiOperation declare(UUID apiId, OperationSpec spec) {
        ApiOperation operation = new ApiOperation();
        operation.id = UUID.randomUUID();
        operation.apiId = apiId;
        operation.method = spec.method();
        operation.path = spec.path();
        operation.operationId = spec.operationId() == null || spec.operationId().isBlank() ? null : spec.operationId();
        operation.summary = spec.summary();
        operation.createdAt = Instant.now();
        operation.requireScopes(spec.scopes());
        return operation;
    }

    void requireScopes(List<String> required) {
        scopes = Scopes.distinct(required).toArray(String[]::new);
        updatedAt = Instant.now();
    }

    /** Whether {@code reference} names this operation: its id or its operationId. */
    boolean isNamed(String reference) {
        return id.toString().equalsIgnoreCase(reference) || reference.equals(operationId);
    }

    public UUID getId() {
        return id;
    }

    public UUID getApiId() {
        return apiId;
    }

    public OperationMethod getMethod() {
        return method;
    }

    public String getPath() {
        return path;
    }

    public String getOperationId() {
        return operationId;
    }

    public String getSummary() {
        return summary;
    }

    public List<String> getScopes() {
        return List.of(scopes);
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
