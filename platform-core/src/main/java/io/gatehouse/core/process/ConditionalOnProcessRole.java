package io.gatehouse.core.process;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/** Registers the annotated configuration only in processes that run {@link #value()}. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Conditional(OnProcessRoleCondition.class)
public @interface ConditionalOnProcessRole {

    ProcessRole value();
}
