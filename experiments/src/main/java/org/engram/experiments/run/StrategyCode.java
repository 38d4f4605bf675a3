package org.engram.experiments.run;

import java.io.IOException;
import java.io.InputStream;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.engram.experiments.config.ExperimentConfig;
import org.engram.experiments.config.StrategyParams;
import org.engram.learning.continual.ContinualStrategy;
import org.engram.learning.continual.Strategies;

/**
 * The code of a strategy of one's own that took part in a run, for its provenance: Engram's commit
 * tells the code of the built-in strategies, not of those a provider brings.
 *
 * @param name        the strategy's name
 * @param className   the class of the strategy its provider makes, or null when it could not make one
 * @param source      where that class was loaded from (a jar's or folder's URL), or null when unknown
 * @param classSha256 SHA-256 of the class file (the class alone, not what it calls), or null when
 *                    it cannot be read
 */
public record StrategyCode(String name, String className, String source, String classSha256) {

    /**
     * The strategies of one's own among a run's, each once, in the config's order.
     *
     * @param strategies the run's strategies (chains are read member by member)
     * @return one entry per strategy that is not built in; empty when all are
     */
    static List<StrategyCode> of(List<ExperimentConfig.StrategySpec> strategies) {
        Set<String> own = new LinkedHashSet<>();
        for (ExperimentConfig.StrategySpec spec : strategies) {
            for (String name : StrategyParams.members(spec)) {
                if (!Strategies.builtIn(name)) {
                    own.add(name);
                }
            }
        }
        List<StrategyCode> codes = new ArrayList<>();
        for (String name : own) {
            codes.add(of(name));
        }
        return codes;
    }

    private static StrategyCode of(String name) {
        Class<?> type;
        try {
            ContinualStrategy made = Strategies.info(name).hyperparameters().createDefault();
            type = made.getClass();
        } catch (RuntimeException cannotMake) {
            // Its provider needs values of the run's own to make one: the name alone is recorded.
            return new StrategyCode(name, null, null, null);
        }
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return new StrategyCode(name, type.getName(), source == null || source.getLocation() == null ? null
                : source.getLocation().toString(), classSha256(type));
    }

    private static String classSha256(Class<?> type) {
        String file = type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class";
        try (InputStream in = type.getResourceAsStream(file)) {
            return in == null ? null : HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(in.readAllBytes()));
        } catch (IOException unreadable) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
