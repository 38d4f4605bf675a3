package org.engram.simulator.usermodel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.engram.simulator.model.ParameterRecords;
import org.junit.jupiter.api.Test;

/**
 * A user's parameter record that is not public and lives outside the simulator's packages is
 * changed by name as a built-in model's is: its constructor is reached although no code of the
 * simulator could call it directly.
 */
class OwnParameterRecordTest {
    record Gain(double gainPa, int order) {
    }

    @Test
    void aRecordThatIsNotPublicIsChangedByName() {
        assertEquals(new Gain(3.5, 2), ParameterRecords.with(new Gain(1, 2), Map.of("gain_pa", 3.5)));
    }
}
