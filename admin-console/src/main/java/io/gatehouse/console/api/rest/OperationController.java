package io.gatehouse.console.api.rest;

import io.gatehouse.core.api.operation.ApiOperation;
import io.gatehouse.core.api.operation.ApiOperationService;
import io.gatehouse.core.api.operation.OperationSpec;
import io.gatehouse.core.api.operation.ScopesChange;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /api/v1/apis/{apiId}/operations}: the operations of a REST API and the scopes each requires.
 * Publishers declare operations by hand, change their scopes and remove them; everyone who may read
 * the API (developers: published APIs only) reads them. An operation is named by its id or its
 * {@code operationId}.
 */
@RestController
@RequestMapping("/api/v1/apis/{apiId}/operations")
public class OperationController {

    private static final String READERS = "hasAnyRole('ADMIN', 'PUBLISHER', 'BILLING') or (hasRole('DEVELOPER') and @tenancy.inCatalog(#apiId))";

    private final ApiOperationService operations;

    public OperationController(ApiOperationService operations) {
        this.operations = operations;
    }

    @GetMapping
    @PreAuthorize(READERS)
    public List<ApiOperation> list(@PathVariable UUID apiId) {
        return operations.list(apiId);
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER')")
    public ResponseEntity<ApiOperation> declare(@PathVariable UUID apiId, @RequestBody OperationSpec spec) {
        ApiOperation operation = operations.declare(apiId, spec);
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/apis/{apiId}/operations/{id}").buildAndExpand(apiId, operation.getId()).toUri()).body(operation);
    }

    @GetMapping("/{operation}")
    @PreAuthorize(READERS)
    public ApiOperation get(@PathVariable UUID apiId, @PathVariable String operation) {
        return operations.get(apiId, operation);
    }

    @PutMapping("/{operation}")
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER')")
    public ApiOperation changeScopes(@PathVariable UUID apiId, @PathVariable String operation, @RequestBody ScopesChange change) {
        return operations.changeScopes(apiId, operation, change);
    }

    @DeleteMapping("/{operation}")
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER')")
    public ResponseEntity<Void> delete(@PathVariable UUID apiId, @PathVariable String operation) {
        operations.delete(apiId, operation);
        return ResponseEntity.noContent().build();
    }
}
