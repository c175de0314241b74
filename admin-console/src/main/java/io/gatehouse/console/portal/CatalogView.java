package io.gatehouse.console.portal;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.gatehouse.core.api.Api;
import io.gatehouse.core.api.ApiService;

/** The developer portal's catalog: every API consumers can call now, the gateway URL to call it at and the header its keys go in. */
@Route(value = "portal", autoLayout = false)
@PageTitle("API catalog · Gatehouse")
@AnonymousAllowed
public class CatalogView extends VerticalLayout implements BeforeEnterObserver {

    private final ApiService apis;
    private final Grid<Api> catalog = new Grid<>(Api.class, false);

    public CatalogView(ApiService apis, GatewayAddress gateway) {
        this.apis = apis;
        setSizeFull();
        VaadinServletRequest request = VaadinServletRequest.getCurrent();
        String host = request == null ? null : request.getServerName();

        catalog.setId("catalog");
        catalog.addColumn(Api::getName).setHeader("API").setKey("name").setAutoWidth(true);
        catalog.addColumn(Api::getVersion).setHeader("Version").setKey("version").setAutoWidth(true);
        catalog.addColumn(Api::getContext).setHeader("Context").setKey("context").setAutoWidth(true);
        catalog.addColumn(Api::getDescription).setHeader("Description").setKey("description").setFlexGrow(1);
        catalog.addColumn(api -> gateway.urlOf(host, api.getContext())).setHeader("Gateway URL").setKey("url")
                .setAutoWidth(true);
        catalog.addColumn(Api::getKeyHeader).setHeader("API key header").setKey("keyHeader").setAutoWidth(true);
        catalog.addThemeVariants(GridVariant.ROW_STRIPES);
        catalog.setEmptyStateText("No API is published yet.");

        Anchor console = new Anchor("console", "Publisher? Sign in to the console");
        console.setId("console-link");
        add(new H1("Gatehouse API catalog"), new Paragraph("The APIs published on this gateway."), catalog, console);
        expand(catalog);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        catalog.setItems(apis.published());
    }
}
