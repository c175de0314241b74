package io.gatehouse.console.api.rest;

import io.gatehouse.core.api.Api;
import io.gatehouse.core.api.ApiService;
import io.gatehouse.core.api.ApiSpec;
import io.gatehouse.core.error.InputValidator;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PostAuthorize;
import org.springframework.security.access.prepost.PostFilter;
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

/** {@code /api/v1/apis}: publishers manage APIs; everyone signed in reads them, developers only the published catalog. */
@RestController
@RequestMapping("/api/v1/apis")
public class ApiController {

    private final ApiService apis;
    private final InputValidator validator;

    public ApiController(ApiService apis, InputValidator validator) {
        this.apis = apis;
        this.validator = validator;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER')")
    public ResponseEntity<Api> create(@RequestBody ApiSpec spec) {
        Api api = apis.create(spec);
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/apis/{id}").buildAndExpand(api.getId()).toUri()).body(api);
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER', 'BILLING', 'DEVELOPER')")
    @PostFilter("hasAnyRole('ADMIN', 'PUBLISHER', 'BILLING') or filterObject.state.served()")
    public List<Api> list() {
        return apis.list();
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER', 'BILLING', 'DEVELOPER')")
    @PostAuthorize("hasAnyRole('ADMIN', 'PUBLISHER', 'BILLING') or returnObject.state.served()")
    public Api get(@PathVariable UUID id) {
        return apis.get(id);
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER')")
    public Api update(@PathVariable UUID id, @RequestBody ApiSpec spec) {
        return apis.update(id, spec);
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER')")
    public ResponseEntity<Void> delete(@PathVariable UUID id) {
        apis.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/lifecycle")
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER')")
    public Api changeState(@PathVariable UUID id, @RequestBody LifecycleChange change) {
        validator.check(change);
        return apis.changeState(id, change.state());
    }
}
