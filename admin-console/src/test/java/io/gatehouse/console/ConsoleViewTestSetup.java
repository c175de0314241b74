package io.gatehouse.console;

import io.gatehouse.launcher.GatehouseApplication;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/** A browserless view test against the whole application and a real (embedded) PostgreSQL; all share one context. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = GatehouseApplication.class, properties = {
        "gatehouse.db.embedded=true",
        "gatehouse.gateway.port=0"
})
public @interface ConsoleViewTestSetup {
}
