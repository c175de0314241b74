package io.gatehouse.core.api.operation;

import io.gatehouse.core.api.Api;
import io.gatehouse.core.api.ApiService;
import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.error.ConflictException;
import io.gatehouse.core.error.FieldProblem;
import io.gatehouse.core.error.InputValidator;
import io.gatehouse.core.error.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The operations of REST APIs and the scopes they require: declared by hand by publishers, or taken
 * from an imported document. An operation is named in URLs by its id or its {@code operationId}.
 */
@Service
@Transactional
public class ApiOperationService {

    private final ApiOperationRepository operations;
    private final ApiService apis;
    private final InputValidator validator;

    public ApiOperationService(ApiOperationRepository operations, ApiService apis, InputValidator validator) {
        this.operations = operations;
        this.apis = apis;
        this.validator = validator;
    }

    @Transactional(readOnly = true)
    public List<ApiOperation> list(UUID apiId) {
        apis.get(apiId);
        return operations.findByApiIdOrderByPathAscMethodAsc(apiId);
    }

    @Transactional(readOnly = true)
    public ApiOperation get(UUID apiId, String reference) {
        return operations.findByApiIdOrderByPathAscMethodAsc(apiId).stream()
                .filter(operation -> operation.isNamed(reference))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("operation", reference + " of API " + apiId));
    }

    public ApiOperation declare(UUID apiId, OperationSpec spec) {
        requireRest(apis.get(apiId));
        validate(spec);
        List<ApiOperation> existing = operations.findByApiIdOrderByPathAscMethodAsc(apiId);
        String shape = PathTemplate.parse(spec.path()).shape();
        for (ApiOperation other : existing) {
            if (other.getMethod() == spec.method() && PathTemplate.parse(other.getPath()).shape().equals(shape)) {
                throw new ConflictException(spec.method() + " " + other.getPath() + " is already an operation of this API", "/path");
            }
            if (spec.operationId() != null && spec.operationId().equals(other.getOperationId())) {
                throw new ConflictException("operationId " + spec.operationId() + " is already taken in this API", "/operationId");
            }
        }
        return operations.saveAndFlush(ApiOperation.declare(apiId, spec));
    }

    /** Stores operations an importer has read and checked, all at once, for a new API. */
    public List<ApiOperation> declareImported(UUID apiId, List<OperationSpec> specs) {
        requireRest(apis.get(apiId));
        return operations.saveAllAndFlush(specs.stream().map(spec -> ApiOperation.declare(apiId, spec)).toList());
    }

    public ApiOperation changeScopes(UUID apiId, String reference, ScopesChange change) {
        validator.check(change);
        ApiOperation operation = get(apiId, reference);
        operation.requireScopes(change.scopes());
        return operations.saveAndFlush(operation);
    }

    public void delete(UUID apiId, String reference) {
        operations.delete(get(apiId, reference));
    }

    /**
     * The scopes an application may be granted by the built-in authorization server: those of the
     * operations of every API it has an ACTIVE subscription to, on an OAUTH2 plan that trusts that
     * server.
     */
    @Transactional(readOnly = true)
    public List<String> scopesGrantedBySubscriptions(UUID applicationId) {
        return operations.scopesGrantedBySubscriptions(applicationId);
    }

    private void validate(OperationSpec spec) {
        List<FieldProblem> extra = new ArrayList<>();
        if (spec != null && spec.path() != null) {
            try {
                PathTemplate.parse(spec.path());
            } catch (IllegalArgumentException e) {
                extra.add(new FieldProblem("/path", e.getMessage()));
            }
        }
        validator.check(spec, extra);
    }

    private static void requireRest(Api api) {
        if (api.getType() != ApiType.REST) {
            throw new ConflictException("only REST APIs have operations; API " + api.getId() + " is " + api.getType());
        }
    }
}
