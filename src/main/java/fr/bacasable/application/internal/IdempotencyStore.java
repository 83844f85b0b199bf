package fr.bacasable.application.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code idempotency_record} table: the first response given to each {@code Idempotency-Key}. */
@Repository
class IdempotencyStore {

    record StoredResponse(String requestHash, int statusCode, String location, String body) {
    }

    private final JdbcClient jdbc;

    IdempotencyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StoredResponse> find(String key) {
        return jdbc.sql("SELECT request_hash, status_code, location, response_body FROM idempotency_record "
                        + "WHERE idempotency_key = :key")
                .param("key", key)
                .query((rs, row) -> new StoredResponse(rs.getString("request_hash"), rs.getInt("status_code"),
                        rs.getString("location"), rs.getString("response_body")))
                .optional();
    }

    /** Fails with a duplicate key when another request with the same key committed first. */
    void save(String key, StoredResponse response, Instant now) {
        jdbc.sql("INSERT INTO idempotency_record (idempotency_key, request_hash, status_code, location, "
                        + "response_body, created_at) VALUES (:key, :hash, :status, :location, :body, :now)")
                .param("key", key)
                .param("hash", response.requestHash())
                .param("status", response.statusCode())
                .param("location", response.location())
                .param("body", response.body())
                .param("now", Timestamp.from(now))
                .update();
    }
}
