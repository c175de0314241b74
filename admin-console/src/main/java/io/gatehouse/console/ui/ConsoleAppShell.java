package io.gatehouse.console.ui;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.theme.lumo.Lumo;

/** The page shell of the console and the portal: the Lumo theme, loaded as a plain stylesheet. */
@StyleSheet(Lumo.STYLESHEET)
public class ConsoleAppShell implements AppShellConfigurator {
}
