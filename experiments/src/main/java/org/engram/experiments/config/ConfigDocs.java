package org.engram.experiments.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.engram.learning.continual.Strategies;

/**
 * The key table of the experiment config, generated from the {@link Key} annotations (the one
 * place each key is described), for {@code engram run --help} and the README.
 */
public final class ConfigDocs {
    private ConfigDocs() {
    }

    /**
     * One documented key.
     *
     * @param key     dotted key path, lists shown as {@code []}
     * @param def     the default as YAML, {@code required}, {@code (section)} for a nested record or
     *                {@code (list)} for a list of records
     * @param meaning what it means
     */
    public record Row(String key, String def, String meaning) {
    }

    /** {@return every key of {@link ExperimentConfig}, sections before their keys, in record order} */
    public static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        collect(ExperimentConfig.class, "", rows);
        return rows;
    }

    private static void collect(Class<?> type, String prefix, List<Row> rows) {
        for (RecordComponent rc : type.getRecordComponents()) {
            String key = prefix + ConfigLayers.snakeCase(rc.getName());
            Key doc = rc.getAnnotation(Key.class);
            String meaning = doc == null ? "" : doc.value();
            Class<?> element = rc.getGenericType() instanceof ParameterizedType p
                    && p.getActualTypeArguments()[0] instanceof Class<?> c && c.isRecord() ? c : null;
            if (rc.getType().isRecord()) {
                rows.add(new Row(key, "(section)", meaning));
                collect(rc.getType(), key + ".", rows);
            } else if (element != null) {
                rows.add(new Row(key, "(list)", meaning));
                collect(element, key + "[].", rows);
            } else {
                String def = doc == null || Key.REQUIRED.equals(doc.def()) ? "required" : doc.def();
                rows.add(new Row(key, def, meaning));
            }
        }
    }

    /** {@return the key table as Markdown} */
    public static String markdown() {
        StringBuilder sb = new StringBuilder("| key | default | meaning |\n|---|---|---|\n");
        for (Row r : rows()) {
            String def = switch (r.def()) {
                case "(section)" -> "";
                case "(list)" -> "`required`";
                default -> "`" + r.def() + "`";
            };
            sb.append("| `").append(r.key()).append("` | ").append(def)
                    .append(" | ").append(r.meaning().replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;"))
                    .append(" |\n");
        }
        return sb.toString();
    }

    /**
     * {@return the key table as plain text for terminal help: each key with its default, then its meaning
     * wrapped to 78 columns}
     */
    public static String plainText() {
        StringBuilder sb = new StringBuilder();
        for (Row r : rows()) {
            if (r.def().equals("(section)")) {
                sb.append(String.format("%n%s: %s%n", r.key(), r.meaning()));
            } else if (r.def().equals("(list)")) {
                sb.append(String.format("%n%s (required): %s%n", r.key(), r.meaning()));
            } else {
                sb.append("  ").append(r.key()).append(r.def().equals("required") ? " (required)"
                        : " (default " + r.def() + ")").append("\n");
                wrap(sb, r.meaning(), "      ", 78);
            }
        }
        return sb.toString();
    }

    private static void wrap(StringBuilder sb, String text, String indent, int width) {
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.split(" ")) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > width) {
                sb.append(line).append('\n');
                line = new StringBuilder(indent);
            }
            line.append(line.length() > indent.length() ? " " : "").append(word);
        }
        sb.append(line).append('\n');
    }

    /** {@return the built-in strategies as a Markdown table: name, what it does, reference, default hyperparameters} */
    public static String strategiesMarkdown() {
        StringBuilder sb = new StringBuilder("| strategy | what it does | reference | hyperparameters (defaults) |\n"
                + "|---|---|---|---|\n");
        for (Strategies.Info s : Strategies.list()) {
            sb.append("| `").append(s.name()).append("` | ").append(s.description().replace("|", "\\|")).append(" | ")
                    .append(s.reference()).append(" | `").append(defaultParams(s)).append("` |\n");
        }
        return sb.toString();
    }

    /**
     * The hyperparameters of a built-in strategy with their defaults, as YAML flow text.
     *
     * @param info the strategy
     * @return e.g. {@code {lambda: 100.0, fisher_samples: 200}}, or {@code {}}
     */
    public static String defaultParams(Strategies.Info info) {
        return defaultParams(info.hyperparameters().defaults());
    }

    /**
     * A parameter record's values, as YAML flow text under the keys a config gives them.
     *
     * @param defaults the record, e.g. a user plasticity rule's defaults
     * @return e.g. {@code {tau_ms: 20.0, w_max: 1.0}}, or {@code {}}
     */
    public static String defaultParams(Record defaults) {
        return flow(ConfigLoader.componentsOf(defaults));
    }

    /**
     * A value as YAML flow text, the way a config would write it.
     *
     * @param value a config value
     * @return e.g. {@code 0.5}, {@code /data}, {@code [[0, 1], [2, 3]]} or {@code {lambda: 10.0}}
     */
    static String flow(JsonNode value) {
        return value.isValueNode() ? value.asText()
                : value.toString().replace("\"", "").replace(":", ": ").replace(",", ", ");
    }
}
