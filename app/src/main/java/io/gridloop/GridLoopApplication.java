package io.gridloop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** GridLoop: the closed loop of grid-based urban governance, driven by Camunda, worked in Vaadin. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GridLoopApplication {

    public static void main(String[] args) {
        SpringApplication.run(GridLoopApplication.class, args);
    }
}
