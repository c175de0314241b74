package io.gatehouse.console.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.grid.Grid;
import io.gatehouse.console.ConsoleViewTestSetup;
import io.gatehouse.core.api.Api;
import io.gatehouse.core.api.ApiService;
import io.gatehouse.core.api.ApiSpec;
import io.gatehouse.core.api.ApiState;
import io.gatehouse.core.api.ApiType;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.test.context.support.WithAnonymousUser;

@ConsoleViewTestSetup
@WithAnonymousUser
class CatalogViewTests extends SpringBrowserlessTest {

    @Autowired
    ApiService apis;

    @Value("${gatehouse.gateway.port}")
    int gatewayPort;

    @Test
    void anonymousVisitorsSeeOnlyPublishedApisWithTheirGatewayUrl() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Api published = apis.create(new ApiSpec("Catalog " + suffix, "v1", "/catalog-" + suffix + "/v1", ApiType.REST,
                "http://127.0.0.1:9101", "Listed in the catalog", null, "X-Catalog-Key", null, null));
        apis.changeState(published.getId(), ApiState.PUBLISHED);
        Api draft = apis.create(new ApiSpec("Hidden " + suffix, "v1", "/hidden-" + suffix + "/v1", ApiType.REST,
                "http://127.0.0.1:9101", null, null, null, null, null));

        navigate(CatalogView.class);

        @SuppressWarnings("unchecked")
        var grid = test((Grid<Api>) find(Grid.class).id("catalog"));
        List<String> contexts = IntStream.range(0, grid.size()).mapToObj(i -> grid.getRow(i).getContext()).toList();
        assertThat(contexts).contains(published.getContext()).doesNotContain(draft.getContext());
        assertThat(contexts).allSatisfy(context -> assertThat(apis.published()).extracting(Api::getContext).contains(context));

        int row = contexts.indexOf(published.getContext());
        assertThat(grid.getCellText(row, grid.getColumnPosition("name"))).isEqualTo("Catalog " + suffix);
        assertThat(grid.getCellText(row, grid.getColumnPosition("description"))).isEqualTo("Listed in the catalog");
        assertThat(grid.getCellText(row, grid.getColumnPosition("url")))
                .matches("http://[^/]+:" + gatewayPort + "/catalog-" + suffix + "/v1");
        assertThat(grid.getCellText(row, grid.getColumnPosition("keyHeader"))).isEqualTo("X-Catalog-Key");
    }
}
