package fr.bacasable.shared;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;

/**
 * The programme's time zone, Paris. The time itself comes from the injected {@link java.time.Clock},
 * which is the engine's clock in that zone, so tests that move the engine's clock move every date:
 * {@code clock.instant()}, {@code LocalDate.now(clock)}.
 */
public final class ProgrammeTime {

    public static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    private ProgrammeTime() {
    }

    /** The first instant of the given day in Paris. */
    public static Date startOf(LocalDate day) {
        return Date.from(day.atStartOfDay(ZONE).toInstant());
    }
}
