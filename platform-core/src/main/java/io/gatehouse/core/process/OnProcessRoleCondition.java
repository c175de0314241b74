package io.gatehouse.core.process;

import java.util.Map;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

class OnProcessRoleCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnProcessRole.class.getName());
        ProcessRole wanted = (ProcessRole) attributes.get("value");
        return ProcessRole.parse(context.getEnvironment().getProperty(ProcessRole.PROPERTY)).contains(wanted);
    }
}
