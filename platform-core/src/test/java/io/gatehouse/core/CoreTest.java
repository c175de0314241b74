package io.gatehouse.core;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/** One shared Spring context for platform-core's tests, on a real (embedded) PostgreSQL. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@SpringBootTest(classes = CoreTestApplication.class, properties = {
        "gatehouse.db.embedded=true",
        "spring.main.web-application-type=none",
        "spring.jpa.open-in-view=false",
        "spring.jpa.hibernate.ddl-auto=validate",
        "gatehouse.secrets.key=" + CoreTest.SECRETS_KEY})
public @interface CoreTest {

    /** The key secrets are sealed with in tests: made for them, never used elsewhere. */
    String SECRETS_KEY = "qNYQObkG3wJqvqYmoBOLHMKNUdELEhXy7VUf3LSsq3U=";
}
