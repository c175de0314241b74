package io.gatehouse.core.api.spec;

import io.gatehouse.core.api.Api;
import io.gatehouse.core.api.ApiService;
import io.gatehouse.core.api.ApiSpec;
import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.api.event.EventApi;
import io.gatehouse.core.api.event.EventApiService;
import io.gatehouse.core.api.event.EventSource;
import io.gatehouse.core.api.operation.ApiOperation;
import io.gatehouse.core.api.operation.ApiOperationService;
import io.gatehouse.core.error.FieldProblem;
import io.gatehouse.core.error.InvalidInputException;
import io.gatehouse.core.error.NotFoundException;
import io.gatehouse.core.error.UnsupportedContentException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates APIs from API description documents: picks the {@link SpecImporter} that reads the
 * document, creates the API (DRAFT) and its operations (REST) or its channels and event source (EVENT),
 * and keeps the document as it came. All or nothing: a document with any problem creates nothing.
 */
@Service
@Transactional
public class ApiImportService {

    private final List<SpecImporter> importers;
    private final ApiService apis;
    private final ApiOperationService operations;
    private final EventApiService eventApis;
    private final StoredSpecs specs;

    public ApiImportService(List<SpecImporter> importers, ApiService apis, ApiOperationService operations, EventApiService eventApis,
                            StoredSpecs specs) {
        this.importers = List.copyOf(importers);
        this.apis = apis;
        this.operations = operations;
        this.eventApis = eventApis;
        this.specs = specs;
    }

    public ImportedApiResult importDocument(SpecDocument document, ImportTarget target) {
        SpecImporter importer = importers.stream().filter(candidate -> candidate.reads(document)).findFirst()
                .orElseThrow(() -> unsupported(document));
        ImportedApi imported = importer.read(document);
        EventSource source = source(imported.type(), target);
        boolean namedInQuery = target.name() != null && !target.name().isBlank();
        boolean versionInQuery = target.version() != null && !target.version().isBlank();
        ApiSpec spec = new ApiSpec(namedInQuery ? target.name() : imported.name(), versionInQuery ? target.version() : imported.version(),
                target.context(), imported.type(), target.upstream(), imported.description(), null, null, null, null);
        Api api;
        try {
            api = apis.create(spec);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.problems().stream().map(problem -> inDocument(problem, namedInQuery, versionInQuery)).toList());
        }
        specs.save(api.getId(), new StoredSpec(importer.format(), document.syntax().mediaType(), document.text()));
        if (imported.type() == ApiType.EVENT) {
            EventApi created = eventApis.declareImported(api, imported.channels(), source);
            return new ImportedApiResult(api, null, created.channels(), created.source());
        }
        List<ApiOperation> created = imported.operations().isEmpty() ? List.of()
                : operations.declareImported(api.getId(), imported.operations());
        return new ImportedApiResult(api, created, null, null);
    }

    private EventSource source(ApiType type, ImportTarget target) {
        if (target.source() == null) {
            return type == ApiType.EVENT ? EventSource.DEFAULT : null;
        }
        if (type != ApiType.EVENT) {
            throw new InvalidInputException("/source", "only EVENT APIs have an event source; this document describes a " + type + " API");
        }
        return eventApis.readSource(target.source(), "/source");
    }

    /** The document an API was imported from, as it came. */
    @Transactional(readOnly = true)
    public StoredSpec spec(UUID apiId) {
        apis.get(apiId);
        return specs.find(apiId).orElseThrow(() -> new NotFoundException("imported document of API", apiId));
    }

    private static FieldProblem inDocument(FieldProblem problem, boolean namedInQuery, boolean versionInQuery) {
        Map<String, String> fromDocument = Map.of("/name", "/info/title", "/version", "/info/version", "/description", "/info/description");
        boolean fromQuery = (problem.pointer().equals("/name") && namedInQuery) || (problem.pointer().equals("/version") && versionInQuery);
        String pointer = fromQuery ? problem.pointer() : fromDocument.getOrDefault(problem.pointer(), problem.pointer());
        return new FieldProblem(pointer, problem.detail());
    }

    private static RuntimeException unsupported(SpecDocument document) {
        if (document.declares("swagger")) {
            return new UnsupportedContentException("/swagger", "Swagger 2.0 documents are not imported; convert the document to OpenAPI 3.0 or 3.1");
        }
        return new InvalidInputException("/openapi", "is required: the document must be an OpenAPI 3.0 or 3.1 document, "
                + "or an AsyncAPI 2.6 or 3.0 document (with asyncapi)");
    }
}
