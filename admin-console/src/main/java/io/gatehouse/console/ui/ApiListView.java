package io.gatehouse.console.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import io.gatehouse.core.api.Api;
import io.gatehouse.core.api.ApiService;
import io.gatehouse.core.api.ApiState;
import io.gatehouse.core.error.ConflictException;
import io.gatehouse.core.error.NotFoundException;
import jakarta.annotation.security.RolesAllowed;

/** The publisher's list of APIs: create one with a form, publish a draft. */
@Route(value = "console", layout = MainLayout.class)
@RouteAlias(value = "console/apis", layout = MainLayout.class)
@PageTitle("APIs · Gatehouse")
@RolesAllowed({"ADMIN", "PUBLISHER"})
public class ApiListView extends VerticalLayout implements BeforeEnterObserver {

    private final ApiService apis;
    private final Grid<Api> grid = new Grid<>(Api.class, false);

    public ApiListView(ApiService apis) {
        this.apis = apis;
        setSizeFull();

        Button create = new Button("New API", VaadinIcon.PLUS.create(), click -> openForm());
        create.addThemeVariants(ButtonVariant.PRIMARY);
        create.setId("new-api");
        HorizontalLayout toolbar = new HorizontalLayout(new H2("APIs"), create);
        toolbar.setAlignItems(Alignment.BASELINE);
        toolbar.setWidthFull();
        toolbar.expand(toolbar.getComponentAt(0));

        grid.setId("api-grid");
        grid.addColumn(Api::getName).setHeader("Name").setKey("name").setAutoWidth(true);
        grid.addColumn(Api::getVersion).setHeader("Version").setKey("version").setAutoWidth(true);
        grid.addColumn(Api::getContext).setHeader("Context").setKey("context").setAutoWidth(true);
        grid.addColumn(Api::getType).setHeader("Type").setKey("type").setAutoWidth(true);
        grid.addColumn(Api::getState).setHeader("State").setKey("state").setAutoWidth(true);
        grid.addColumn(Api::getUpstream).setHeader("Upstream").setKey("upstream").setAutoWidth(true).setFlexGrow(1);
        grid.addComponentColumn(this::actions).setHeader("").setKey("actions").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.ROW_STRIPES);
        grid.setEmptyStateText("No APIs yet: create one with “New API”.");

        add(toolbar, grid);
        expand(grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        refresh();
    }

    private Button actions(Api api) {
        Button publish = new Button("Publish", click -> publish(api));
        publish.addThemeVariants(ButtonVariant.SMALL);
        publish.setVisible(api.getState() == ApiState.DRAFT);
        return publish;
    }

    private void openForm() {
        new ApiForm(apis::create, created -> {
            refresh();
            Notification.show("Created " + created.getName() + " " + created.getVersion() + " as a draft")
                    .addThemeVariants(NotificationVariant.SUCCESS);
        }).open();
    }

    private void publish(Api api) {
        try {
            Api published = apis.changeState(api.getId(), ApiState.PUBLISHED);
            Notification.show("Published " + published.getName() + " " + published.getVersion() + " at " + published.getContext())
                    .addThemeVariants(NotificationVariant.SUCCESS);
        } catch (ConflictException | NotFoundException e) {
            Notification.show(e.getMessage()).addThemeVariants(NotificationVariant.ERROR);
        }
        refresh();
    }

    private void refresh() {
        grid.setItems(apis.list());
    }
}
