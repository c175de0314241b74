package io.gatehouse.core;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** The domain alone on an embedded PostgreSQL, for platform-core's tests. */
@SpringBootApplication
@Import(CoreConfiguration.class)
public class CoreTestApplication {
}
