package io.gatehouse.console.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.binder.ValidationException;
import io.gatehouse.core.api.Api;
import io.gatehouse.core.api.ApiSpec;
import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.api.KeyHeaders;
import io.gatehouse.core.error.ConflictException;
import io.gatehouse.core.error.FieldProblem;
import io.gatehouse.core.error.InvalidInputException;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The "New API" dialog. It binds its fields to an {@link ApiSpec} and hands it to the service; the
 * service's rules decide what is valid, and their verdicts ({@link InvalidInputException},
 * {@link ConflictException}) are shown on the fields their pointers name.
 */
class ApiForm extends Dialog {

    final TextField name = new TextField("Name");
    final TextField version = new TextField("Version");
    final TextField context = new TextField("Context path");
    final Select<ApiType> type = new Select<>();
    final TextField upstream = new TextField("Upstream URL");
    final IntegerField timeoutMs = new IntegerField("Response timeout (ms)");
    final IntegerField connectTimeoutMs = new IntegerField("Connect timeout (ms)");
    final TextField keyHeader = new TextField("API key header");
    final Checkbox forwardCredentials = new Checkbox("Forward the caller's key or token to the upstream");
    final TextArea description = new TextArea("Description");
    final Paragraph formError = new Paragraph();
    final Button save = new Button("Create");

    private final Binder<ApiSpec> binder = new Binder<>(ApiSpec.class);
    private final Map<String, HasValidation> fieldsByPointer = Map.of(
            "/name", name, "/version", version, "/context", context, "/type", type,
            "/upstream", upstream, "/timeoutMs", timeoutMs, "/connectTimeoutMs", connectTimeoutMs,
            "/keyHeader", keyHeader, "/description", description);

    ApiForm(Function<ApiSpec, Api> create, Consumer<Api> onCreated) {
        setHeaderTitle("New API");
        setWidth("min(90vw, 40rem)");
        configureFields();
        bindFields();

        FormLayout form = new FormLayout(name, version, context, type, upstream, timeoutMs, connectTimeoutMs, keyHeader,
                forwardCredentials, description);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("28em", 2));
        form.setColspan(upstream, 2);
        form.setColspan(keyHeader, 2);
        form.setColspan(forwardCredentials, 2);
        form.setColspan(description, 2);
        add(formError, form);

        save.addThemeVariants(ButtonVariant.PRIMARY);
        save.addClickListener(click -> submit(create, onCreated));
        getFooter().add(new Button("Cancel", click -> close()), save);
    }

    private void configureFields() {
        type.setLabel("Type");
        type.setItems(ApiType.values());
        type.setValue(ApiType.REST);
        name.setPlaceholder("Petstore");
        version.setPlaceholder("v1");
        context.setPlaceholder("/petstore/v1");
        upstream.setPlaceholder("http://127.0.0.1:9101");
        upstream.setHelperText("Where the gateway forwards calls; required for REST APIs");
        timeoutMs.setHelperText("How long the upstream may take to answer; empty: the gateway's default");
        connectTimeoutMs.setHelperText("How long to wait for a connection to the upstream; empty: the gateway's default");
        keyHeader.setValue(KeyHeaders.DEFAULT);
        keyHeader.setHelperText("The request header that carries API keys; removed before the upstream unless credentials are forwarded");
        forwardCredentials.setValue(false);
        name.setId("api-name");
        version.setId("api-version");
        context.setId("api-context");
        upstream.setId("api-upstream");
        timeoutMs.setId("api-timeout");
        connectTimeoutMs.setId("api-connect-timeout");
        keyHeader.setId("api-key-header");
        forwardCredentials.setId("api-forward-credentials");
        description.setId("api-description");
        save.setId("api-save");
        formError.setVisible(false);
        formError.getStyle().set("color", "var(--lumo-error-text-color)");
    }

    private void bindFields() {
        binder.forField(name).bind("name");
        binder.forField(version).bind("version");
        binder.forField(context).bind("context");
        binder.forField(type).bind("type");
        binder.forField(upstream).withNullRepresentation("").bind("upstream");
        binder.forField(timeoutMs).bind("timeoutMs");
        binder.forField(connectTimeoutMs).bind("connectTimeoutMs");
        binder.forField(keyHeader).withNullRepresentation("").bind("keyHeader");
        binder.forField(forwardCredentials).bind("forwardCredentials");
        binder.forField(description).withNullRepresentation("").bind("description");
    }

    private void submit(Function<ApiSpec, Api> create, Consumer<Api> onCreated) {
        clearErrors();
        try {
            Api created = create.apply(binder.writeRecord());
            close();
            onCreated.accept(created);
        } catch (ValidationException e) {
            showFormError("Check the highlighted fields.");
        } catch (InvalidInputException e) {
            e.problems().forEach(this::showProblem);
        } catch (ConflictException e) {
            showProblem(new FieldProblem(e.pointer() == null ? "" : e.pointer(), e.getMessage()));
        }
    }

    private void showProblem(FieldProblem problem) {
        HasValidation field = fieldsByPointer.get(problem.pointer());
        if (field == null) {
            showFormError(problem.detail());
            return;
        }
        String earlier = field.isInvalid() ? field.getErrorMessage() : null;
        field.setErrorMessage(earlier == null ? problem.detail() : earlier + "; " + problem.detail());
        field.setInvalid(true);
    }

    private void showFormError(String message) {
        formError.setText(message);
        formError.setVisible(true);
    }

    private void clearErrors() {
        formError.setVisible(false);
        fieldsByPointer.values().forEach(field -> {
            field.setInvalid(false);
            field.setErrorMessage(null);
        });
    }
}
