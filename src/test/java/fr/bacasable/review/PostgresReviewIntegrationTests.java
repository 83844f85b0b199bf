package fr.bacasable.review;

import fr.bacasable.PostgresSuite;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every test of {@link ReviewIntegrationTests} on PostgreSQL with the 'postgres' profile (row locks,
 * authorization queries, two completions at once); skipped without the database {@link PostgresSuite}
 * names ({@code BAS_TEST_POSTGRES_URL}).
 */
@ExtendWith(PostgresSuite.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "bas.security.demo-enabled=true")
@ActiveProfiles({"test", "postgres"})
class PostgresReviewIntegrationTests extends ReviewIntegrationTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresSuite.register(registry);
    }
}
