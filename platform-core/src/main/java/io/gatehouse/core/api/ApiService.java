package io.gatehouse.core.api;

import io.gatehouse.core.error.ConflictException;
import io.gatehouse.core.error.FieldProblem;
import io.gatehouse.core.error.InputValidator;
import io.gatehouse.core.error.NotFoundException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, changes, publishes and retires APIs. The console and the management API both call it. */
@Service
@Transactional
public class ApiService {

    private final ApiRepository apis;
    private final InputValidator validator;

    public ApiService(ApiRepository apis, InputValidator validator) {
        this.apis = apis;
        this.validator = validator;
    }

    public Api create(ApiSpec spec) {
        validate(spec);
        if (apis.existsByContext(spec.context())) {
            throw new ConflictException("context " + spec.context() + " is already taken", "/context");
        }
        return apis.saveAndFlush(Api.draft(spec));
    }

    public Api update(UUID id, ApiSpec spec) {
        Api api = get(id);
        validate(spec);
        if (apis.existsByContextAndIdNot(spec.context(), id)) {
            throw new ConflictException("context " + spec.context() + " is already taken", "/context");
        }
        if (spec.type() != api.getType()) {
            throw new ConflictException("the type of an API cannot change", "/type");
        }
        api.apply(spec);
        return apis.saveAndFlush(api);
    }

    public Api changeState(UUID id, ApiState target) {
        Api api = get(id);
        api.moveTo(target);
        return apis.saveAndFlush(api);
    }

    public void delete(UUID id) {
        Api api = get(id);
        if (api.getState() != ApiState.DRAFT) {
            throw new ConflictException("only a DRAFT API can be deleted; retire it instead", "/state");
        }
        apis.delete(api);
    }

    @Transactional(readOnly = true)
    public Api get(UUID id) {
        return apis.findById(id).orElseThrow(() -> new NotFoundException("API", id));
    }

    @Transactional(readOnly = true)
    public List<Api> list() {
        return apis.findAllByOrderByNameAscVersionAsc();
    }

    /** The catalog the portal shows: APIs that consumers can call now. */
    @Transactional(readOnly = true)
    public List<Api> published() {
        return apis.findByStateInOrderByNameAscVersionAsc(List.of(ApiState.PUBLISHED, ApiState.DEPRECATED));
    }

    private void validate(ApiSpec spec) {
        List<FieldProblem> extra = new ArrayList<>();
        String keyHeaderProblem = spec == null ? null : KeyHeaders.problem(spec.keyHeader());
        if (keyHeaderProblem != null) {
            extra.add(new FieldProblem("/keyHeader", keyHeaderProblem));
        }
        if (spec != null && spec.type() == ApiType.REST) {
            String upstreamProblem = upstreamProblem(spec.upstream());
            if (upstreamProblem != null) {
                extra.add(new FieldProblem("/upstream", upstreamProblem));
            }
        }
        validator.check(spec, extra);
    }

    private static String upstreamProblem(String upstream) {
        if (upstream == null || upstream.isBlank()) {
            return "a REST API needs an upstream URL";
        }
        try {
            URI uri = new URI(upstream.strip());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                return "must be an absolute http or https URL";
            }
            if (uri.getQuery() != null || uri.getFragment() != null) {
                return "must not carry a query or a fragment";
            }
            return null;
        } catch (Exception e) {
            return "must be an absolute http or https URL";
        }
    }
}
