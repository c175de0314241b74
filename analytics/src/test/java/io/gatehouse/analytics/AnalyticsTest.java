package io.gatehouse.analytics;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/** A test against the analytics services, the registry services and a real (embedded) PostgreSQL. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = AnalyticsTestApplication.class, properties = {
        "gatehouse.db.embedded=true",
        "spring.main.web-application-type=none",
        "gatehouse.billing.auto-close=false"})
public @interface AnalyticsTest {
}
