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
        "gatehouse.billing.auto-close=false",
        // tests write usage at fixed dates, which the hourly purge must not find past the minutes' retention
        "gatehouse.usage.minute-rollup-retention=36500d"})
public @interface AnalyticsTest {
}
