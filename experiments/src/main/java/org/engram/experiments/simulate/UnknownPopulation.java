package org.engram.experiments.simulate;

import org.engram.experiments.config.ConfigException;

/**
 * An entry that names a population the config does not have. Where two populations share a name, the
 * entry may mean the one whose name was written twice: such errors follow from that one and are left
 * out of the report ({@link PreparedSimulation}).
 */
final class UnknownPopulation extends ConfigException {
    private static final long serialVersionUID = 1L;

    /** An unknown name, refused for its own form: no override beside it in its entry can be the cause. */
    UnknownPopulation(String where, String keyPath, String expected, String found, String hint) {
        super(where, keyPath, expected, found, hint, Kind.FORM);
    }
}
