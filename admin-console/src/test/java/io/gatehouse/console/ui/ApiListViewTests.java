package io.gatehouse.console.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.router.RouteNotFoundError;
import io.gatehouse.console.ConsoleViewTestSetup;
import io.gatehouse.core.api.Api;
import io.gatehouse.core.api.ApiService;
import io.gatehouse.core.api.ApiSpec;
import io.gatehouse.core.api.ApiState;
import io.gatehouse.core.api.ApiType;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithAnonymousUser;
import org.springframework.security.test.context.support.WithMockUser;

@ConsoleViewTestSetup
@WithMockUser(username = "admin", roles = "ADMIN")
class ApiListViewTests extends SpringBrowserlessTest {

    @Autowired
    ApiService apis;

    @Test
    void listsTheApisOfTheRegistry() {
        Api api = apis.create(spec("Petstore", uniqueContext()));

        navigate(ApiListView.class);

        int row = rowOf(api.getContext());
        var grid = test(grid());
        assertThat(grid.getCellText(row, grid.getColumnPosition("name"))).isEqualTo("Petstore");
        assertThat(grid.getCellText(row, grid.getColumnPosition("version"))).isEqualTo("v1");
        assertThat(grid.getCellText(row, grid.getColumnPosition("type"))).isEqualTo("REST");
        assertThat(grid.getCellText(row, grid.getColumnPosition("state"))).isEqualTo("DRAFT");
        assertThat(grid.getCellText(row, grid.getColumnPosition("upstream"))).isEqualTo("http://127.0.0.1:9101");
    }

    @Test
    void theFormCreatesADraftApi() {
        navigate(ApiListView.class);
        String context = uniqueContext();

        ApiForm form = openForm();
        test(form.name).setValue("Weather");
        test(form.version).setValue("v2");
        test(form.context).setValue(context);
        test(form.upstream).setValue("https://weather.example.com/base");
        test(form.description).setValue("Forecasts by city");
        test(form.save).click();

        assertThat(apis.list()).anySatisfy(api -> {
            assertThat(api.getContext()).isEqualTo(context);
            assertThat(api.getName()).isEqualTo("Weather");
            assertThat(api.getVersion()).isEqualTo("v2");
            assertThat(api.getType()).isEqualTo(ApiType.REST);
            assertThat(api.getUpstream()).isEqualTo("https://weather.example.com/base");
            assertThat(api.getDescription()).isEqualTo("Forecasts by city");
            assertThat(api.getState()).isEqualTo(ApiState.DRAFT);
        });
        assertThat(form.isOpened()).isFalse();
        assertThat(rowOf(context)).isNotNegative();
        assertThat(test(find(Notification.class).last()).getText()).contains("Weather");
    }

    @Test
    void theFormSetsTheGatewayOptions() {
        navigate(ApiListView.class);
        String context = uniqueContext();

        ApiForm form = openForm();
        assertThat(form.keyHeader.getValue()).isEqualTo("X-API-Key");
        assertThat(form.forwardCredentials.getValue()).isFalse();
        test(form.name).setValue("Options");
        test(form.version).setValue("v1");
        test(form.context).setValue(context);
        test(form.upstream).setValue("http://127.0.0.1:9101");
        test(form.timeoutMs).setValue(4000);
        test(form.connectTimeoutMs).setValue(750);
        test(form.keyHeader).setValue("X-Acme-Key");
        test(form.forwardCredentials).click();
        test(form.save).click();

        assertThat(form.isOpened()).isFalse();
        assertThat(apis.list()).filteredOn(api -> api.getContext().equals(context)).singleElement().satisfies(api -> {
            assertThat(api.getTimeoutMs()).isEqualTo(4000);
            assertThat(api.getConnectTimeoutMs()).isEqualTo(750);
            assertThat(api.getKeyHeader()).isEqualTo("X-Acme-Key");
            assertThat(api.isForwardCredentials()).isTrue();
        });
    }

    @Test
    void aReservedKeyHeaderAndANegativeConnectTimeoutAreShownOnTheirFields() {
        navigate(ApiListView.class);
        int before = apis.list().size();

        ApiForm form = openForm();
        test(form.name).setValue("Reserved");
        test(form.version).setValue("v1");
        test(form.context).setValue(uniqueContext());
        test(form.upstream).setValue("http://127.0.0.1:9101");
        test(form.connectTimeoutMs).setValue(-1);
        test(form.keyHeader).setValue("Authorization");
        test(form.save).click();

        assertThat(form.isOpened()).isTrue();
        assertThat(form.keyHeader.isInvalid()).isTrue();
        assertThat(form.keyHeader.getErrorMessage()).contains("reserved");
        assertThat(form.connectTimeoutMs.isInvalid()).isTrue();
        assertThat(form.name.isInvalid()).isFalse();
        assertThat(apis.list()).hasSize(before);
    }

    @Test
    void invalidInputIsShownOnTheFieldsAtFault() {
        navigate(ApiListView.class);
        int before = apis.list().size();

        ApiForm form = openForm();
        test(form.version).setValue("v 1");
        test(form.context).setValue("petstore");
        test(form.upstream).setValue("ftp://files.example.com");
        test(form.save).click();

        assertThat(form.isOpened()).isTrue();
        assertThat(form.name.isInvalid()).isTrue();
        assertThat(form.name.getErrorMessage()).contains("blank");
        assertThat(form.version.isInvalid()).isTrue();
        assertThat(form.version.getErrorMessage()).contains("letters, digits");
        assertThat(form.context.isInvalid()).isTrue();
        assertThat(form.context.getErrorMessage()).contains("/petstore/v1");
        assertThat(form.upstream.isInvalid()).isTrue();
        assertThat(form.upstream.getErrorMessage()).contains("http or https");
        assertThat(form.description.isInvalid()).isFalse();
        assertThat(apis.list()).hasSize(before);
    }

    @Test
    void aTakenContextIsShownOnTheContextField() {
        String context = uniqueContext();
        apis.create(spec("Existing", context));
        navigate(ApiListView.class);

        ApiForm form = openForm();
        test(form.name).setValue("Newcomer");
        test(form.version).setValue("v1");
        test(form.context).setValue(context);
        test(form.upstream).setValue("http://127.0.0.1:9102");
        test(form.save).click();

        assertThat(form.isOpened()).isTrue();
        assertThat(form.context.isInvalid()).isTrue();
        assertThat(form.context.getErrorMessage()).contains("already taken");
        assertThat(form.name.isInvalid()).isFalse();
        assertThat(apis.list()).filteredOn(api -> api.getContext().equals(context)).hasSize(1);
    }

    @Test
    void publishMovesADraftToPublished() {
        Api api = apis.create(spec("Orders", uniqueContext()));
        navigate(ApiListView.class);

        Button publish = (Button) test(grid()).getCellComponent(rowOf(api.getContext()), "actions");
        assertThat(publish.isVisible()).isTrue();
        test(publish).click();

        assertThat(apis.get(api.getId()).getState()).isEqualTo(ApiState.PUBLISHED);
        int row = rowOf(api.getContext());
        var grid = test(grid());
        assertThat(grid.getCellText(row, grid.getColumnPosition("state"))).isEqualTo("PUBLISHED");
        assertThat(((Button) grid.getCellComponent(row, "actions")).isVisible()).isFalse();
        assertThat(test(find(Notification.class).last()).getText()).contains("Published Orders v1");
    }

    @Test
    @WithAnonymousUser
    void anonymousVisitorsAreSentToTheLoginView() {
        navigate("console", LoginView.class);

        assertThat(getCurrentView()).isInstanceOf(LoginView.class);
    }

    @Test
    @WithMockUser(username = "publisher", roles = "PUBLISHER")
    void publishersOpenTheConsole() {
        navigate(ApiListView.class);

        assertThat(getCurrentView()).isInstanceOf(ApiListView.class);
    }

    @Test
    @WithMockUser(username = "dev", roles = "DEVELOPER")
    void developersCannotOpenTheConsole() {
        assertThatThrownBy(() -> navigate(ApiListView.class)).hasMessageContaining("RouteNotFoundError");

        assertThat(getCurrentView()).isInstanceOf(RouteNotFoundError.class);
    }

    private ApiForm openForm() {
        test(find(Button.class).id("new-api")).click();
        return find(ApiForm.class).single();
    }

    @SuppressWarnings("unchecked")
    private Grid<Api> grid() {
        return find(Grid.class).id("api-grid");
    }

    private int rowOf(String context) {
        var grid = test(grid());
        return IntStream.range(0, grid.size())
                .filter(i -> grid.getRow(i).getContext().equals(context))
                .findFirst()
                .orElse(-1);
    }

    static ApiSpec spec(String name, String context) {
        return new ApiSpec(name, "v1", context, ApiType.REST, "http://127.0.0.1:9101", null, null, null, null, null);
    }

    static String uniqueContext() {
        return "/t" + UUID.randomUUID().toString().substring(0, 8) + "/v1";
    }
}
