package io.gridloop.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ClassPathResource;

/** The demo key lives and dies with the demo officials: the prod profile turns both off. */
class Open311DemoKeyTest {

    @Test
    void theProdProfileHasNoDemoKey() throws Exception {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application-prod.yml"));
        Properties prod = yaml.getObject();
        assertThat(prod.getProperty("gridloop.demo-users")).isEqualTo("false");

        new ApplicationContextRunner().withUserConfiguration(Open311DemoKey.class)
                .withPropertyValues("gridloop.demo-users=" + prod.getProperty("gridloop.demo-users"))
                .run(ctx -> assertThat(ctx).doesNotHaveBean(Open311DemoKey.class));
        new ApplicationContextRunner().withUserConfiguration(Open311DemoKey.class)
                .run(ctx -> assertThat(ctx).as("not without being asked for").doesNotHaveBean(Open311DemoKey.class));
    }

    @Test
    void theEmbeddedDefaultHasIt() throws Exception {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        assertThat(yaml.getObject().getProperty("gridloop.demo-users")).isEqualTo("true");
    }
}
