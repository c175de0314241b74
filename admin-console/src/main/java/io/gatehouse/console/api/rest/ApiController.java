package io.gatehouse.console.api.rest;

import io.gatehouse.core.api.Api;
import io.gatehouse.core.api.ApiService;
import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.api.event.EventApiService;
import io.gatehouse.core.error.InputValidator;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
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

/**
 * {@code /api/v1/apis}: publishers manage APIs; everyone signed in reads them, developers only the
 * published catalog. An EVENT API is created with its channels and event source, and shown with them.
 */
@RestController
@RequestMapping("/api/v1/apis")
public class ApiController {

    private final ApiService apis;
    private final EventApiService eventApis;
    private final InputValidator validator;

    public ApiController(ApiService apis, EventApiService eventApis, InputValidator validator) {
        this.apis = apis;
        this.eventApis = eventApis;
        this.validator = validator;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER')")
    public ResponseEntity<ApiView> create(@RequestBody ApiRequest request) {
        boolean event = (request.api() != null && request.api().type() == ApiType.EVENT) || request.channels() != null || request.source() != null;
        ApiView view = event ? ApiView.of(eventApis.create(request.api(), request.channels(), request.source()))
                : ApiView.of(apis.create(request.api()));
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/apis/{id}").buildAndExpand(view.api().getId()).toUri()).body(view);
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER', 'BILLING', 'DEVELOPER')")
    @PostFilter("hasAnyRole('ADMIN', 'PUBLISHER', 'BILLING') or filterObject.state.served()")
    public List<Api> list() {
        return apis.list();
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER', 'BILLING', 'DEVELOPER')")
    @PostAuthorize("hasAnyRole('ADMIN', 'PUBLISHER', 'BILLING') or returnObject.api.state.served()")
    public ApiView get(@PathVariable UUID id, Authentication caller) {
        ApiView view = view(apis.get(id));
        boolean insider = caller != null && caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(role -> role.equals("ROLE_ADMIN") || role.equals("ROLE_PUBLISHER") || role.equals("ROLE_BILLING"));
        return insider ? view : view.withoutSource();
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER')")
    public ApiView update(@PathVariable UUID id, @RequestBody ApiRequest request) {
        return view(eventApis.update(id, request.api(), request.source()));
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

    private ApiView view(Api api) {
        return api.getType() == ApiType.EVENT ? ApiView.of(eventApis.get(api.getId())) : ApiView.of(api);
    }
}
