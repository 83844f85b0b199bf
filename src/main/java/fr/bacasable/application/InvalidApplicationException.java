package fr.bacasable.application;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Input refused, with a French message per bad field. */
public class InvalidApplicationException extends RuntimeException {

    private final Map<String, String> problems;

    public InvalidApplicationException(Map<String, String> problems) {
        super("Candidature incomplète ou invalide : " + String.join(" ", problems.values()));
        this.problems = Collections.unmodifiableMap(new LinkedHashMap<>(problems));
    }

    public Map<String, String> problems() {
        return problems;
    }
}
