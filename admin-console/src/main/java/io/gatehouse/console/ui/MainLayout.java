package io.gatehouse.console.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.gatehouse.console.portal.CatalogView;
import jakarta.annotation.security.RolesAllowed;

/** The console's frame: the side navigation, and a header with the signed-in user and a sign-out button. */
@RolesAllowed({"ADMIN", "PUBLISHER"})
public class MainLayout extends AppLayout {

    public MainLayout(AuthenticationContext authentication) {
        Span title = new Span("Gatehouse");
        title.getStyle().set("font-weight", "600").set("font-size", "1.25rem");

        Span user = new Span(authentication.getPrincipalName().orElse(""));
        user.setId("console-user");
        Button logout = new Button("Sign out", VaadinIcon.SIGN_OUT.create(), click -> authentication.logout());
        logout.addThemeVariants(ButtonVariant.TERTIARY);
        logout.setId("sign-out");

        HorizontalLayout header = new HorizontalLayout(title, user, logout);
        header.setAlignItems(Alignment.CENTER);
        header.setWidthFull();
        header.expand(title);
        header.getStyle().set("padding", "0 1rem");
        addToNavbar(new DrawerToggle(), header);

        SideNav nav = new SideNav();
        nav.addItem(new SideNavItem("APIs", ApiListView.class, VaadinIcon.CLUSTER.create()));
        nav.addItem(new SideNavItem("Developer portal", CatalogView.class, VaadinIcon.BOOK.create()));
        addToDrawer(nav);
    }
}
