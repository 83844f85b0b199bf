package fr.bacasable.security.internal;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Refuses to start the {@code prod} profile with demo accounts, without an administrator password
 * from the environment, on the embedded H2 database, without an https public address for the
 * applicants' links, or without an SMTP server. Runs before any bean is created, so a refused start
 * touches no database.
 */
public class ProductionSafetyCheck implements EnvironmentPostProcessor {

    static final String PRODUCTION_PROFILE = "prod";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.acceptsProfiles(Profiles.of(PRODUCTION_PROFILE))) {
            return;
        }
        List<String> problems = new ArrayList<>();
        if (environment.getProperty("bas.security.demo-enabled", Boolean.class, false)) {
            problems.add("demo accounts are enabled (bas.security.demo-enabled=true)");
        }
        String adminPassword = environment.getProperty("bas.security.admin-password", "");
        if (adminPassword.isBlank()) {
            problems.add("no administrator password: set BAS_ADMIN_PASSWORD");
        }
        String url = environment.getProperty("spring.datasource.url", "");
        if (url.isBlank() || url.startsWith("jdbc:h2:")) {
            problems.add("the database is the embedded H2 one: add the 'postgres' profile and SPRING_DATASOURCE_URL");
        }
        if (!environment.getProperty("bas.public-url", "").startsWith("https://")) {
            problems.add("the public address is not https: set BAS_PUBLIC_URL (links sent to applicants use it)");
        }
        if (environment.getProperty("spring.mail.host", "").isBlank()) {
            problems.add("no SMTP server: set SPRING_MAIL_HOST (and SPRING_MAIL_PORT, _USERNAME, _PASSWORD)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start in production: " + String.join("; ", problems));
        }
    }
}
