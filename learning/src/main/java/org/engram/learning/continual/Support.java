package org.engram.learning.continual;

import java.util.Objects;

/**
 * Whether a strategy works in a scenario, and if not, why; checked before the first epoch.
 *
 * @param supported {@code true} if the strategy can run in the scenario
 * @param reason    why it cannot (shown to the user), empty when supported
 */
public record Support(boolean supported, String reason) {
    /** The strategy works in the scenario. */
    public static final Support YES = new Support(true, "");

    /**
     * Checks that an unsupported answer carries a reason.
     *
     * @param supported {@code true} if the strategy can run in the scenario
     * @param reason    why it cannot (shown to the user), empty when supported
     */
    public Support {
        Objects.requireNonNull(reason, "reason");
        if (!supported && reason.isBlank()) {
            throw new IllegalArgumentException("an unsupported scenario needs a reason");
        }
    }

    /**
     * The strategy does not work in the scenario.
     *
     * @param reason one sentence for the user, e.g. "needs task identity at test time"
     * @return the answer
     */
    public static Support no(String reason) {
        return new Support(false, reason);
    }
}
