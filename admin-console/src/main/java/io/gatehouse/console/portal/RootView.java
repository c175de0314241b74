package io.gatehouse.console.portal;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** {@code http://host:9000/} opens the portal's catalog, the public front page. */
@Route(value = "", autoLayout = false)
@AnonymousAllowed
public class RootView extends Div implements BeforeEnterObserver {

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.forwardTo(CatalogView.class);
    }
}
