package fr.bacasable.review;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.Map;

/** A score per criterion. */
public record Scores(Map<Criterion, BigDecimal> byCriterion) {

    public Scores {
        byCriterion = Map.copyOf(byCriterion);
    }

    public BigDecimal of(Criterion criterion) {
        return byCriterion.get(criterion);
    }

    public BigDecimal total() {
        return byCriterion.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** A score or a total as the French write it: "3,5", "14". */
    public static String decimal(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString().replace('.', ',');
    }

    /** The criterion by criterion mean of two scorings. */
    public static Scores mean(Scores first, Scores second) {
        Map<Criterion, BigDecimal> means = new EnumMap<>(Criterion.class);
        for (Criterion criterion : Criterion.values()) {
            means.put(criterion, first.of(criterion).add(second.of(criterion))
                    .divide(BigDecimal.valueOf(2), 2, RoundingMode.HALF_UP));
        }
        return new Scores(means);
    }

    /** Whether the two scorings differ by {@code gap} points or more on some criterion. */
    public static boolean diverge(Scores first, Scores second, BigDecimal gap) {
        for (Criterion criterion : Criterion.values()) {
            if (first.of(criterion).subtract(second.of(criterion)).abs().compareTo(gap) >= 0) {
                return true;
            }
        }
        return false;
    }
}
