package fr.bacasable.application;

/** What a list of applications shows of each: its reference and its project's title. */
public record ApplicationHeading(String reference, String projectTitle) {
}
