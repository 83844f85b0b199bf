package fr.bacasable.application;

import fr.bacasable.PostgresSuite;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every test of {@link ApplicationAbuseTests} on PostgreSQL with the 'postgres' profile (row lock of
 * the document cap, the idempotency table and its purge); skipped without the database
 * {@link PostgresSuite} names ({@code BAS_TEST_POSTGRES_URL}).
 */
@ExtendWith(PostgresSuite.class)
@ActiveProfiles({"test", "postgres"})
class PostgresApplicationAbuseTests extends ApplicationAbuseTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresSuite.register(registry);
        registry.add("bas.security.demo-enabled", () -> "true");
    }
}
