package fr.bacasable.application;

import java.time.Instant;

/** One entry of an application's timeline. */
public record ApplicationEvent(Instant occurredAt, ApplicationEventType type, String actor, String detail) {
}
