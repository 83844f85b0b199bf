package fr.bacasable.campaign.internal;

import java.util.Map;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A campaign that cannot be published. Thrown while the start form is submitted, it rolls back the
 * whole start of the process; Tasklist shows its French message and the engine REST API answers 400.
 */
class InvalidCampaignException extends FormFieldValidationException {

    InvalidCampaignException(Map<String, String> problems) {
        super(Map.copyOf(problems), "La campagne n'a pas été publiée : " + String.join(" ", problems.values()));
    }
}
