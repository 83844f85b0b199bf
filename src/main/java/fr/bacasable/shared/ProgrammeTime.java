package fr.bacasable.shared;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The programme's time: the engine clock (so tests that move it move every deadline) read in the
 * programme's time zone, Paris.
 */
public final class ProgrammeTime {

    public static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    private ProgrammeTime() {
    }

    public static Instant now() {
        return ClockUtil.now().toInstant();
    }

    public static LocalDate today() {
        return LocalDate.ofInstant(now(), ZONE);
    }

    /** The first instant of the given day in Paris. */
    public static Date startOf(LocalDate day) {
        return Date.from(day.atStartOfDay(ZONE).toInstant());
    }
}
