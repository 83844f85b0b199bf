package fr.bacasable.application.internal;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Application references {@code BAS-<year>-<nnnn>}, numbered per year without gaps from concurrent
 * submissions: the counter row is locked by the update until the submission commits.
 */
@Component
class ReferenceGenerator {

    private final JdbcClient jdbc;
    private final TransactionTemplate separateTransaction;

    ReferenceGenerator(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.separateTransaction = new TransactionTemplate(transactionManager);
        this.separateTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    String next(int year) {
        return "BAS-%d-%04d".formatted(year, nextNumber(year));
    }

    private int nextNumber(int year) {
        if (increment(year) == 0) {
            createCounter(year);
            increment(year);
        }
        return jdbc.sql("SELECT last_value FROM reference_counter WHERE counter_year = :year")
                .param("year", year).query(Integer.class).single();
    }

    /** In its own transaction: on PostgreSQL a failed insert would otherwise abort the submission's. */
    private void createCounter(int year) {
        try {
            separateTransaction.executeWithoutResult(status -> jdbc
                    .sql("INSERT INTO reference_counter (counter_year, last_value) VALUES (:year, 0)")
                    .param("year", year).update());
        } catch (DuplicateKeyException createdMeanwhile) {
            // another submission created this year's counter first: use it
        }
    }

    private int increment(int year) {
        return jdbc.sql("UPDATE reference_counter SET last_value = last_value + 1 WHERE counter_year = :year")
                .param("year", year).update();
    }
}
