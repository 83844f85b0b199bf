package fr.bacasable.application;

/** No application with this reference, or a wrong tracking token: the two are never told apart. */
public class ApplicationNotFoundException extends RuntimeException {

    public ApplicationNotFoundException() {
        super("Candidature introuvable. Vérifiez le lien de suivi reçu par courriel.");
    }
}
