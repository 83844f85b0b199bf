package fr.bacasable.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** A lost database is told from a real concurrent update or any other failure by the cause chain. */
class DatabaseOutageTest {

    @Test
    void lostConnectionsPoolTimeoutsAndServerShutdownsAreOutages() {
        assertThat(DatabaseOutage.isCause(new SQLTransientConnectionException("HikariPool-1 - Connection is not "
                + "available, request timed out after 3000ms"))).isTrue();
        assertThat(DatabaseOutage.isCause(new CannotGetJdbcConnectionException("no connection"))).isTrue();
        assertThat(DatabaseOutage.isCause(new ProcessEngineException("ENGINE-03004 flush failed",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")))).isTrue();
        assertThat(DatabaseOutage.isCause(new OptimisticLockingException("ENGINE-03005 Execution of 'UPDATE "
                + "TaskEntity' failed", new SQLException("terminating connection due to administrator command",
                "57P01")))).as("a failed flush during a restart is no concurrent update").isTrue();
    }

    @Test
    void aConcurrentUpdateAConstraintOrABugAreNot() {
        assertThat(DatabaseOutage.isCause(new OptimisticLockingException("ENGINE-03005 Entity was updated by "
                + "another transaction concurrently"))).isFalse();
        assertThat(DatabaseOutage.isCause(new SQLException("duplicate key value", "23505"))).isFalse();
        assertThat(DatabaseOutage.isCause(new IllegalStateException("bug"))).isFalse();
    }
}
