package fr.bacasable.application;

/**
 * The nine EDPB/CNIL criteria of DpiaRequirementDecision, plus the CNIL's mandatory list, as asked
 * of applicants: one yes/no question each, with a one-line explanation.
 */
public enum DpiaCriterion {
    EVALUATION_OR_SCORING("evaluationOrScoring",
            "Le traitement évalue-t-il ou note-t-il des personnes ?",
            "Par exemple un score de risque, un profilage, une prédiction de comportement."),
    AUTOMATED_DECISION_WITH_LEGAL_EFFECT("automatedDecisionWithLegalEffect",
            "Des décisions automatiques produisent-elles des effets juridiques ou similaires ?",
            "Par exemple l'attribution ou le refus d'une aide sans intervention humaine."),
    SYSTEMATIC_MONITORING("systematicMonitoring",
            "Le traitement surveille-t-il des personnes de façon systématique ?",
            "Par exemple une vidéoprotection ou le suivi continu d'une activité."),
    SENSITIVE_DATA("sensitiveData",
            "Traite-t-il des données sensibles ou hautement personnelles ?",
            "Santé, opinions, origine, biométrie, infractions, données financières, localisation…"),
    LARGE_SCALE("largeScale",
            "Le traitement porte-t-il sur des données à grande échelle ?",
            "Nombre de personnes, volume de données, durée ou étendue géographique importants."),
    DATASET_MATCHING("datasetMatching",
            "Croise-t-il ou combine-t-il des ensembles de données ?",
            "Données issues de plusieurs traitements ou de plusieurs responsables."),
    VULNERABLE_PERSONS("vulnerablePersons",
            "Concerne-t-il des personnes vulnérables ?",
            "Mineurs, patients, personnes âgées, demandeurs d'asile, agents vis-à-vis de leur employeur…"),
    INNOVATIVE_TECHNOLOGY("innovativeTechnology",
            "Fait-il un usage innovant ou applique-t-il de nouvelles technologies ?",
            "L'intelligence artificielle en est souvent un exemple."),
    PREVENTS_RIGHT_OR_SERVICE("preventsRightOrService",
            "Peut-il empêcher des personnes d'exercer un droit ou de bénéficier d'un service ?",
            "Par exemple l'accès à une prestation, à un contrat ou à un service public."),
    ON_CNIL_MANDATORY_LIST("onCnilMandatoryList",
            "Le traitement figure-t-il sur la liste de la CNIL des traitements qui exigent une AIPD ?",
            "Liste publiée par la CNIL des types d'opérations pour lesquelles une analyse d'impact est obligatoire.");

    private final String field;
    private final String question;
    private final String explanation;

    DpiaCriterion(String field, String question, String explanation) {
        this.field = field;
        this.question = question;
        this.explanation = explanation;
    }

    /** The variable name of DpiaRequirementDecision, also the field name in forms and JSON. */
    public String field() {
        return field;
    }

    public String question() {
        return question;
    }

    public String explanation() {
        return explanation;
    }
}
