package fr.bacasable;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Runs a test class against the PostgreSQL database named by {@value #URL_VARIABLE} (.ci/run
 * creates a fresh one and sets it); without it the class is skipped and the reason printed.
 */
public class PostgresSuite implements ExecutionCondition {

    static final String URL_VARIABLE = "BAS_TEST_POSTGRES_URL";
    static final String USER_VARIABLE = "BAS_TEST_POSTGRES_USER";
    static final String PASSWORD_VARIABLE = "BAS_TEST_POSTGRES_PASSWORD";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresSuite.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            String reason = "PostgreSQL suite skipped: " + URL_VARIABLE
                    + " is not set (for example jdbc:postgresql://127.0.0.1:5432/bacasable_test; .ci/run sets it)";
            LOG.warn(reason);
            return ConditionEvaluationResult.disabled(reason);
        }
        return ConditionEvaluationResult.enabled("PostgreSQL suite on " + url);
    }

    public static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", PostgresSuite::url);
        registry.add("spring.datasource.username", PostgresSuite::user);
        registry.add("spring.datasource.password", PostgresSuite::password);
    }

    public static String url() {
        return System.getenv(URL_VARIABLE);
    }

    public static String user() {
        return valueOr(USER_VARIABLE, "postgres");
    }

    public static String password() {
        return valueOr(PASSWORD_VARIABLE, "");
    }

    private static String valueOr(String variable, String fallback) {
        String value = System.getenv(variable);
        return value == null ? fallback : value;
    }
}
