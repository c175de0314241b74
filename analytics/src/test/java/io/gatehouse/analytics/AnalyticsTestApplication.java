package io.gatehouse.analytics;

import io.gatehouse.core.CoreConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The analytics module on its own: the domain plus analytics, on an embedded PostgreSQL, no web server. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({CoreConfiguration.class, AnalyticsConfiguration.class, Ledger.class})
public class AnalyticsTestApplication {
}
