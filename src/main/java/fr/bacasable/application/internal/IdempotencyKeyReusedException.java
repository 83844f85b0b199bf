package fr.bacasable.application.internal;

/** An {@code Idempotency-Key} already used for a different request. */
class IdempotencyKeyReusedException extends RuntimeException {

    IdempotencyKeyReusedException() {
        super("Cette clé d'idempotence a déjà servi pour une autre requête.");
    }
}
