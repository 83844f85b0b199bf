package fr.bacasable.security.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.identity.DefaultPasswordPolicyImpl;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Refuses to start the {@code prod} profile with demo accounts, without an administrator password
 * from the environment or with one the engine's password policy refuses, on the embedded H2
 * database, without an https public address for the applicants' links, or without an SMTP server.
 * Runs before any bean is created, so a refused start touches no database.
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
        } else if (!meetsPasswordPolicy(adminPassword)) {
            problems.add("BAS_ADMIN_PASSWORD does not meet the password policy (at least " + DefaultPasswordPolicyImpl.MIN_LENGTH
                    + " characters with a lower-case and an upper-case letter, a digit and a special character)");
        }
        String url = environment.getProperty("spring.datasource.url", "");
        if (url.isBlank() || url.startsWith("jdbc:h2:")) {
            problems.add("the database is the embedded H2 one: add the 'postgres' profile and SPRING_DATASOURCE_URL");
        }
        if (!isHttpsAddress(environment.getProperty("bas.public-url", ""))) {
            problems.add("the public address is not an https address with a host: set BAS_PUBLIC_URL "
                    + "(links sent to applicants use it)");
        }
        if (environment.getProperty("spring.mail.host", "").isBlank()) {
            problems.add("no SMTP server: set SPRING_MAIL_HOST (and SPRING_MAIL_PORT, _USERNAME, _PASSWORD)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start in production: " + String.join("; ", problems));
        }
    }

    /** The engine's default policy, the one the profile turns on: checked here, before any server opens. */
    private static boolean meetsPasswordPolicy(String password) {
        return new DefaultPasswordPolicyImpl().getRules().stream().allMatch(rule -> rule.execute(password));
    }

    private static boolean isHttpsAddress(String url) {
        try {
            URI uri = new URI(url.strip());
            return "https".equals(uri.getScheme()) && uri.getHost() != null && !uri.getHost().isBlank()
                    && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
