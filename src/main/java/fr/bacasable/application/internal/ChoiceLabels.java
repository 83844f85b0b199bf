package fr.bacasable.application.internal;

import fr.bacasable.application.AiTechnique;
import fr.bacasable.application.AnnexIiiArea;
import fr.bacasable.application.ApplicantType;
import fr.bacasable.application.Choice;
import fr.bacasable.application.PersonalDataCategory;
import fr.bacasable.application.ProhibitedPractice;
import fr.bacasable.application.ProjectStage;
import fr.bacasable.application.PublicServiceDomain;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** French labels of stored choice codes, for templates: {@code ${@choiceLabels.of('ProjectStage', code)}}. */
@Component("choiceLabels")
class ChoiceLabels {

    private static final Map<String, Choice[]> CHOICES = Map.of(
            "ApplicantType", ApplicantType.values(),
            "ProjectStage", ProjectStage.values(),
            "PublicServiceDomain", PublicServiceDomain.values(),
            "AiTechnique", AiTechnique.values(),
            "PersonalDataCategory", PersonalDataCategory.values(),
            "ProhibitedPractice", ProhibitedPractice.values(),
            "AnnexIiiArea", AnnexIiiArea.values());

    public String of(String choice, String code) {
        return Arrays.stream(CHOICES.get(choice)).filter(c -> c.name().equals(code)).map(Choice::label)
                .findFirst().orElse(code);
    }

    public List<String> all(String choice, List<String> codes) {
        return codes.stream().map(code -> of(choice, code)).toList();
    }

    public String yesNo(Boolean answer) {
        return answer == null ? "—" : answer ? "Oui" : "Non";
    }
}
