package fr.bacasable.application.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code idempotency_record} table: the first response given to each {@code Idempotency-Key}
 * of each client, kept for {@code bas.idempotency.retention}. A record is found by a hash of the
 * client and the key, and its response (which carries the tracking token) is encrypted with
 * AES-GCM under a key derived from the client and the Idempotency-Key: neither the key nor the
 * token is stored, so the table alone gives no token away and another client's key finds nothing.
 */
@Repository
class IdempotencyStore {

    record StoredResponse(String requestHash, int statusCode, String location, String body) {
    }

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final JdbcClient jdbc;
    private final Duration retention;
    private final SecureRandom random = new SecureRandom();

    IdempotencyStore(JdbcClient jdbc, @Value("${bas.idempotency.retention}") Duration retention) {
        this.jdbc = jdbc;
        this.retention = retention;
    }

    Optional<StoredResponse> find(String client, String key, Instant now) {
        return jdbc.sql("SELECT request_hash, status_code, location, response_cipher FROM idempotency_record "
                        + "WHERE key_hash = :keyHash AND created_at > :oldest")
                .param("keyHash", keyHash(client, key))
                .param("oldest", Timestamp.from(now.minus(retention)))
                .query((rs, row) -> new StoredResponse(rs.getString("request_hash"), rs.getInt("status_code"),
                        rs.getString("location"), decrypt(client, key, rs.getString("response_cipher"))))
                .optional();
    }

    /**
     * Takes the key for a request about to run, in the caller's transaction: a concurrent request that
     * claims the same key waits here until this transaction ends, then fails with a duplicate key if
     * it committed. {@link #complete} must follow in the same transaction.
     */
    void claim(String client, String key, String requestHash, Instant now) {
        String keyHash = keyHash(client, key);
        jdbc.sql("DELETE FROM idempotency_record WHERE key_hash = :keyHash AND created_at <= :oldest")
                .param("keyHash", keyHash)
                .param("oldest", Timestamp.from(now.minus(retention)))
                .update();
        jdbc.sql("INSERT INTO idempotency_record (key_hash, request_hash, status_code, response_cipher, created_at) "
                        + "VALUES (:keyHash, :hash, 0, '', :now)")
                .param("keyHash", keyHash)
                .param("hash", requestHash)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Stores the response of the request that claimed the key. */
    void complete(String client, String key, StoredResponse response) {
        jdbc.sql("UPDATE idempotency_record SET status_code = :status, location = :location, response_cipher = :cipher "
                        + "WHERE key_hash = :keyHash")
                .param("keyHash", keyHash(client, key))
                .param("status", response.statusCode())
                .param("location", response.location())
                .param("cipher", encrypt(client, key, response.body()))
                .update();
    }

    /** Deletes the records past their retention; returns how many. */
    int purge(Instant now) {
        return jdbc.sql("DELETE FROM idempotency_record WHERE created_at <= :oldest")
                .param("oldest", Timestamp.from(now.minus(retention)))
                .update();
    }

    private static String keyHash(String client, String key) {
        return HexFormat.of().formatHex(digest("record", client, key));
    }

    private String encrypt(String client, String key, String body) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] sealed = cipher(Cipher.ENCRYPT_MODE, client, key, iv, body.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed)
                .array());
    }

    private static String decrypt(String client, String key, String stored) {
        byte[] bytes = Base64.getDecoder().decode(stored);
        byte[] iv = Arrays.copyOf(bytes, IV_BYTES);
        byte[] sealed = Arrays.copyOfRange(bytes, IV_BYTES, bytes.length);
        return new String(cipher(Cipher.DECRYPT_MODE, client, key, iv, sealed), StandardCharsets.UTF_8);
    }

    private static byte[] cipher(int mode, String client, String key, byte[] iv, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(digest("response", client, key), "AES"),
                    new GCMParameterSpec(TAG_BITS, iv));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Idempotency record unreadable", e);
        }
    }

    /** SHA-256 of a purpose, the client and the key: one derived value per purpose. */
    private static byte[] digest(String purpose, String client, String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest((purpose + "\n" + client + "\n" + key)
                    .getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
