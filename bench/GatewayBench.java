import io.gatehouse.core.api.Api;
import io.gatehouse.core.api.ApiService;
import io.gatehouse.core.api.ApiSpec;
import io.gatehouse.core.api.ApiState;
import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.plan.PlanAuth;
import io.gatehouse.core.plan.PlanService;
import io.gatehouse.core.plan.PlanSpec;
import io.gatehouse.gateway.GatewayApplication;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the gateway alone on an embedded database and publishes one keyless API,
 * /bench/v1 -> args[1], so that a load generator can call it. args: gateway port, upstream URL.
 */
public class GatewayBench {

    public static void main(String[] args) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(GatewayApplication.class)
                .web(WebApplicationType.NONE)
                .properties("gatehouse.db.embedded=true", "gatehouse.gateway.port=" + args[0],
                        "gatehouse.gateway.host=127.0.0.1", "spring.flyway.locations=classpath:db/migration",
                        "logging.level.root=WARN", "spring.main.keep-alive=true")
                .run();
        ApiService apis = context.getBean(ApiService.class);
        Api api = apis.create(new ApiSpec("Bench", "v1", "/bench/v1", ApiType.REST, args[1], null, null));
        context.getBean(PlanService.class).create(api.getId(),
                new PlanSpec("Open", PlanAuth.KEYLESS, List.of(), null, null, null, null));
        apis.changeState(api.getId(), ApiState.PUBLISHED);
        System.out.println("READY");
    }
}
