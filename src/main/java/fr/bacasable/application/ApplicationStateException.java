package fr.bacasable.application;

/** An action the application's current state does not allow (answer without a request, withdraw after the end…). */
public class ApplicationStateException extends RuntimeException {

    public ApplicationStateException(String message) {
        super(message);
    }
}
