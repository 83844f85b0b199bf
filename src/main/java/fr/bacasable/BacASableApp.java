package fr.bacasable;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class BacASableApp {

    public static void main(String[] args) {
        SpringApplication.run(BacASableApp.class, args);
    }
}
