package io.gridloop.open311;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The embedded default's Open311 key {@code demo-open311-key}, for trying the API from README's curl lines. Like the
 * demo officials it exists only with {@code gridloop.demo-users=true}, never in the prod profile.
 */
@Component
@ConditionalOnProperty(name = "gridloop.demo-users", havingValue = "true")
public class Open311DemoKey {

    public static final String KEY = "demo-open311-key";

    private final Open311Keys keys;

    public Open311DemoKey(Open311Keys keys) {
        this.keys = keys;
    }

    @EventListener(ContextRefreshedEvent.class)
    public void create() {
        keys.ensure("演示客户端 demo client", KEY, "system");
    }
}
