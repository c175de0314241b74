package io.gatehouse.core.api.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.api.operation.OperationMethod;
import io.gatehouse.core.api.operation.OperationSpec;
import io.gatehouse.core.api.operation.PathTemplate;
import io.gatehouse.core.api.operation.Scopes;
import io.gatehouse.core.error.FieldProblem;
import io.gatehouse.core.error.InvalidInputException;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Imports OpenAPI 3.0 and 3.1 documents with swagger-parser, references unresolved (so nothing is
 * ever fetched), as a REST API: {@code info} gives name, version and description; every operation
 * of {@code paths} becomes an operation.
 *
 * <p>Scopes: an operation requires the scopes its security requirements list for OAuth 2.0 and
 * OpenID Connect schemes; its own {@code security} when it has one (an empty list: none), else the
 * document's. Alternatives (the entries of a {@code security} list) are combined: an operation that
 * accepts "an API key, or OAuth with {@code board:read}" requires {@code board:read} from tokens,
 * and one offering two OAuth alternatives requires the scopes of both, the safe reading of a choice
 * Gatehouse cannot make per call. Scopes listed for other schemes (roles, in OpenAPI 3.1) are ignored.
 */
@Component
@Order(0)
public class OpenApiImporter implements SpecImporter {

    private static final String SCHEME_REF = "#/components/securitySchemes/";
    private static final String PATH_ITEM_REF = "#/components/pathItems/";
    private static final int MAX_TEXT = 4000;

    @Override
    public SpecFormat format() {
        return SpecFormat.OPENAPI;
    }

    @Override
    public boolean reads(SpecDocument document) {
        return document.declares("openapi");
    }

    @Override
    public ImportedApi read(SpecDocument document) {
        JsonNode root = document.tree();
        JsonNode version = root.get("openapi");
        if (!version.isTextual() || !(version.asText().startsWith("3.0.") || version.asText().startsWith("3.1."))) {
            throw new InvalidInputException("/openapi", "must be an OpenAPI version 3.0.x or 3.1.x, such as \"3.1.0\"; was " + version);
        }
        List<FieldProblem> problems = new ArrayList<>();
        ExternalReferences.find(root, "", problems);
        SwaggerParseResult result = new OpenAPIV3Parser().parseJsonNode(null, root, options());
        boolean openApi31 = version.asText().startsWith("3.1.");
        for (String message : result.getMessages() == null ? List.<String>of() : result.getMessages()) {
            if (!(openApi31 && message.endsWith(".responses is missing"))) {
                FieldProblem problem = ParserMessages.problem(message);
                if (!problems.contains(problem)) {
                    problems.add(problem);
                }
            }
        }
        OpenAPI model = result.getOpenAPI();
        if (model == null) {
            problems.add(new FieldProblem("", "is not an OpenAPI document swagger-parser can read"));
            throw new InvalidInputException(problems);
        }
        List<OperationSpec> operations = operations(model, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new ImportedApi(ApiType.REST, model.getInfo().getTitle().strip(), model.getInfo().getVersion().strip(),
                clip(model.getInfo().getDescription()), operations);
    }

    private static ParseOptions options() {
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        options.setResolveFully(false);
        options.setValidateExternalRefs(false);
        options.setValidateInternalRefs(true);
        return options;
    }

    private List<OperationSpec> operations(OpenAPI model, List<FieldProblem> problems) {
        List<OperationSpec> operations = new ArrayList<>();
        if (model.getPaths() == null) {
            return operations;
        }
        Map<String, String> shapes = new HashMap<>();
        model.getPaths().forEach((path, declared) -> {
            String pathPointer = Pointers.child("/paths", path);
            PathTemplate template;
            try {
                template = PathTemplate.parse(path);
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem(pathPointer, "is not a usable path template: " + e.getMessage()));
                return;
            }
            String itemPointer = pathPointer;
            PathItem item = declared;
            if (declared.get$ref() != null) {
                String name = declared.get$ref().startsWith(PATH_ITEM_REF) ? declared.get$ref().substring(PATH_ITEM_REF.length()) : null;
                item = name == null || model.getComponents() == null || model.getComponents().getPathItems() == null
                        ? null : model.getComponents().getPathItems().get(name);
                if (item == null) {
                    if (declared.get$ref().startsWith("#")) {
                        problems.add(new FieldProblem(pathPointer + "/$ref", "names no path item of components.pathItems"));
                    }
                    return;
                }
                itemPointer = Pointers.child("/components/pathItems", name);
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.readOperationsMap().entrySet()) {
                OperationMethod method = OperationMethod.valueOf(entry.getKey().name());
                Operation operation = entry.getValue();
                String pointer = itemPointer + "/" + method.name().toLowerCase(Locale.ROOT);
                String twin = shapes.putIfAbsent(method + " " + template.shape(), pointer);
                if (twin != null) {
                    problems.add(new FieldProblem(pointer, "matches the same requests as " + twin + " (paths differing only in parameter names are identical)"));
                    continue;
                }
                if (operation.getOperationId() != null && operation.getOperationId().length() > 200) {
                    problems.add(new FieldProblem(pointer + "/operationId", "may have at most 200 characters"));
                }
                List<String> scopes = operation.getSecurity() != null
                        ? scopes(model, operation.getSecurity(), pointer + "/security", problems)
                        : scopes(model, model.getSecurity(), "/security", problems);
                operations.add(new OperationSpec(method, path, operation.getOperationId(), clip(operation.getSummary()), scopes));
            }
        });
        return operations;
    }

    private List<String> scopes(OpenAPI model, List<SecurityRequirement> requirements, String pointer, List<FieldProblem> problems) {
        Set<String> scopes = new LinkedHashSet<>();
        if (requirements == null) {
            return List.of();
        }
        for (int i = 0; i < requirements.size(); i++) {
            for (Map.Entry<String, List<String>> requirement : requirements.get(i).entrySet()) {
                String schemePointer = Pointers.child(Pointers.child(pointer, i), requirement.getKey());
                SecurityScheme scheme = scheme(model, requirement.getKey());
                if (scheme == null) {
                    problems.add(new FieldProblem(schemePointer, "names no security scheme of components.securitySchemes"));
                    continue;
                }
                if (scheme.getType() != SecurityScheme.Type.OAUTH2 && scheme.getType() != SecurityScheme.Type.OPENIDCONNECT) {
                    continue;
                }
                List<String> listed = requirement.getValue() == null ? List.of() : requirement.getValue();
                for (int j = 0; j < listed.size(); j++) {
                    if (Scopes.isScope(listed.get(j))) {
                        scopes.add(listed.get(j));
                    } else {
                        problems.add(new FieldProblem(Pointers.child(schemePointer, j),
                                "is not an OAuth scope: printable ASCII without spaces, '\"' or '\\'"));
                    }
                }
            }
        }
        return List.copyOf(scopes);
    }

    private static SecurityScheme scheme(OpenAPI model, String name) {
        Map<String, SecurityScheme> schemes = model.getComponents() == null ? null : model.getComponents().getSecuritySchemes();
        SecurityScheme scheme = schemes == null ? null : schemes.get(name);
        if (scheme != null && scheme.get$ref() != null && scheme.get$ref().startsWith(SCHEME_REF)) {
            scheme = schemes.get(scheme.get$ref().substring(SCHEME_REF.length()));
        }
        return scheme;
    }

    private static String clip(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String stripped = text.strip();
        return stripped.length() <= MAX_TEXT ? stripped : stripped.substring(0, MAX_TEXT - 1) + "…";
    }
}
