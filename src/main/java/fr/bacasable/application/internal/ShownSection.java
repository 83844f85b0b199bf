package fr.bacasable.application.internal;

import fr.bacasable.application.PageSection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** A contributed section as a page shows it: heading, the template of its fragment and its content. */
record ShownSection(String title, String template, Object content) {

    /** The sections that show something, in their order. */
    static <S extends PageSection> List<ShownSection> of(List<S> sections, Function<S, Optional<Object>> content) {
        return sections.stream().sorted(Comparator.comparingInt(section -> section.heading().order()))
                .flatMap(section -> content.apply(section).map(shown -> new ShownSection(section.heading().title(),
                        section.heading().template(), shown)).stream())
                .toList();
    }
}
