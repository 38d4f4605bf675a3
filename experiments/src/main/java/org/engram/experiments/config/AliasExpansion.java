package org.engram.experiments.config;

import com.fasterxml.jackson.core.StreamReadConstraints;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.DocumentEndEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingEndEvent;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceEndEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.events.StreamEndEvent;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * A YAML text's parse events with every alias ({@code *lif}) replaced by the events of the node its
 * anchor ({@code &lif}) names, and every merge key ({@code <<: *lif}, or {@code <<: [*a, *b]}) by the
 * entries of the mappings it merges, as YAML 1.1's merge type has it: a key the mapping writes itself
 * wins over a merged one wherever it stands, and of several merged mappings the first that has a key
 * gives it. Jackson reads an alias as the text of its name and a merge key as a key named {@code <<}.
 *
 * <p>A repeated node's first event is marked where its alias stands, and the events within it keep the marks
 * of the text they were read from: a problem in a value reached through an alias is reported where the alias
 * is written, the place a user looks for the key path it has there (see {@link SourceMap}). The whole document is
 * read at the first event; configs that write no {@code *} and no {@code <<} are not read this way.
 * Aliases may repeat at most {@link #MAX_REPEATED_EVENTS} events in all, so that a few lines of nested
 * aliases (a "billion laughs") are refused rather than filling the heap.
 */
final class AliasExpansion extends ParserImpl {
    /** The most events that aliases may repeat in one document: keys and values, list and mapping ends. */
    static final long MAX_REPEATED_EVENTS = 10_000_000;

    /** As deep as Jackson reads lists and mappings nested by default. */
    private static final int MAX_DEPTH = StreamReadConstraints.DEFAULT_MAX_DEPTH;

    private final Parser source;
    /** The events of each anchored node of the document read so far, by anchor. */
    private final Map<String, List<Event>> anchored = new HashMap<>();
    /** The anchors whose node is being read, innermost last. */
    private final List<String> open = new ArrayList<>();
    private long repeated;
    /** Lists and mappings open around the node being read. */
    private int depth;
    private final List<Event> expanded = new ArrayList<>();
    private boolean read;
    private int position;

    /**
     * Wraps a parser of the text.
     *
     * @param source the events as written
     */
    AliasExpansion(Parser source) {
        super(new StreamReader(""), new LoaderOptions());
        this.source = source;
    }

    @Override
    public Event getEvent() {
        Event e = peekEvent();
        position++;
        return e;
    }

    @Override
    public Event peekEvent() {
        if (!read) {
            readStream();
            read = true;
        }
        return position < expanded.size() ? expanded.get(position) : null;
    }

    @Override
    public boolean checkEvent(Event.ID id) {
        Event e = peekEvent();
        return e != null && e.is(id);
    }

    /**
     * Expands the first document and copies the rest: a config is one document, and Jackson refuses
     * a second one as such, which a problem of an alias in it would otherwise be reported before.
     */
    private void readStream() {
        boolean firstDone = false;
        for (Event e = source.getEvent(); ; e = source.getEvent()) {
            if (e instanceof NodeEvent && !firstDone) {
                expandNode(e, expanded);
            } else {
                expanded.add(e);
            }
            firstDone |= e instanceof DocumentEndEvent;
            if (e instanceof StreamEndEvent) {
                return;
            }
        }
    }

    private void expandNode(Event first, List<Event> out) {
        if (first instanceof AliasEvent alias) {
            repeat(alias, out);
            return;
        }
        String anchor = ((NodeEvent) first).getAnchor();
        if (anchor != null) {
            anchored.remove(anchor);   // an alias inside its own anchor's node names no node yet
            open.add(anchor);
        }
        int start = out.size();
        if (first instanceof CollectionStartEvent) {
            if (++depth > MAX_DEPTH) {
                // Jackson refuses deeper nesting as it reads; reading all first, this would overflow the stack.
                throw new Problem(first.getStartMark(), String.format(Locale.ROOT,
                        "lists and mappings nested at most %,d deep", MAX_DEPTH), "one more");
            }
            if (first instanceof MappingStartEvent) {
                expandMapping(first, out);
            } else {
                out.add(first);
                Event e;
                while (!((e = source.getEvent()) instanceof SequenceEndEvent)) {
                    expandNode(e, out);
                }
                out.add(e);
            }
            depth--;
        } else {
            out.add(first);
        }
        if (anchor != null) {
            open.remove(open.size() - 1);
            anchored.put(anchor, List.copyOf(out.subList(start, out.size())));
        }
    }

    /** Copies a mapping, putting the entries of its merge keys, less the keys it writes itself, where they stand. */
    private void expandMapping(Event start, List<Event> out) {
        out.add(start);
        List<List<Event>> toMerge = new ArrayList<>();
        Set<String> ownKeys = new HashSet<>();
        List<Event> afterMerge = null;   // the entries after the first merge key, held until all own keys are known
        List<Event> target = out;
        Event e;
        while (!((e = source.getEvent()) instanceof MappingEndEvent)) {
            if (isMergeKey(e)) {
                Event valueStart = source.getEvent();
                List<Event> value = new ArrayList<>();
                expandNode(valueStart, value);
                toMerge.addAll(mappingsIn(value, valueStart.getStartMark()));
                if (afterMerge == null) {
                    afterMerge = new ArrayList<>();
                    target = afterMerge;
                }
                continue;
            }
            int keyAt = target.size();
            expandNode(e, target);
            if (target.size() == keyAt + 1 && target.get(keyAt) instanceof ScalarEvent key) {
                ownKeys.add(key.getValue());
            }
            expandNode(source.getEvent(), target);
        }
        if (afterMerge != null) {
            appendMerged(toMerge, ownKeys, out);
            out.addAll(afterMerge);
        }
        out.add(e);
    }

    private static boolean isMergeKey(Event e) {
        return e instanceof ScalarEvent s && "<<".equals(s.getValue())
                && (s.getTag() == null ? s.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN
                        : s.getTag().equals(Tag.MERGE.getValue()));
    }

    /**
     * The mappings a merge key's value names: the value itself, or each element of a list of them.
     * A value of another kind is refused at {@code at}, where the value or its alias is written.
     */
    private static List<List<Event>> mappingsIn(List<Event> value, Mark at) {
        if (value.get(0) instanceof MappingStartEvent) {
            return List.of(value);
        }
        List<List<Event>> mappings = new ArrayList<>();
        if (value.get(0) instanceof SequenceStartEvent) {
            for (int i = 1, end; i < value.size() - 1; i = end) {
                end = nodeEnd(value, i);
                if (!(value.get(i) instanceof MappingStartEvent)) {
                    throw mergeOfNoMapping(value.get(i), at);
                }
                mappings.add(value.subList(i, end));
            }
            return mappings;
        }
        throw mergeOfNoMapping(value.get(0), at);
    }

    private static Problem mergeOfNoMapping(Event found, Mark at) {
        return new Problem(at, "a mapping, or a list of mappings, after the merge key <<",
                describe(found));
    }

    private static String describe(Event e) {
        if (e instanceof ScalarEvent s) {
            return "'" + s.getValue() + "'";
        }
        return e instanceof SequenceStartEvent ? "a list" : e.getEventId().name().toLowerCase(Locale.ROOT);
    }

    /** Adds the entries of the merged mappings whose keys the mapping does not write itself, the first of each key. */
    private static void appendMerged(List<List<Event>> mappings, Set<String> ownKeys, List<Event> out) {
        Set<String> taken = new HashSet<>(ownKeys);
        for (List<Event> mapping : mappings) {
            for (int key = 1, value, end; key < mapping.size() - 1; key = end) {
                value = nodeEnd(mapping, key);
                end = nodeEnd(mapping, value);
                boolean scalarKey = value == key + 1 && mapping.get(key) instanceof ScalarEvent;
                if (!scalarKey || taken.add(((ScalarEvent) mapping.get(key)).getValue())) {
                    out.addAll(mapping.subList(key, end));
                }
            }
        }
    }

    /** The index just past the node whose first event is at {@code from}. */
    private static int nodeEnd(List<Event> events, int from) {
        int depth = 0;
        int i = from;
        do {
            Event e = events.get(i++);
            if (e instanceof CollectionStartEvent) {
                depth++;
            } else if (e instanceof CollectionEndEvent) {
                depth--;
            }
        } while (depth > 0);
        return i;
    }

    private void repeat(AliasEvent alias, List<Event> out) {
        String name = alias.getAnchor();
        List<Event> events = anchored.get(name);
        if (events == null) {
            throw open.contains(name)
                    ? new Problem(alias.getStartMark(), "an alias outside the value its anchor names",
                            "the alias *" + name + " within the value of &" + name)
                    : new Problem(alias.getStartMark(), "an anchor &" + name + " before its alias",
                            "the alias *" + name + " with no anchor &" + name + " before it");
        }
        repeated += events.size();
        if (repeated > MAX_REPEATED_EVENTS) {
            throw new Problem(alias.getStartMark(), String.format(Locale.ROOT,
                    "aliases that repeat at most %,d keys and values in all", MAX_REPEATED_EVENTS),
                    "more by the alias *" + name);
        }
        out.add(atTheAlias(events.get(0), alias));
        out.addAll(events.subList(1, events.size()));
    }

    /**
     * The first event of a repeated node, marked where its alias stands: the node is used there, where a user
     * looks for it, and whatever it holds is told apart from what is written there by standing before it in
     * the text (an anchor precedes its aliases), as {@link SourceMap} places it. One event an alias, not a copy
     * of the whole node.
     */
    private static Event atTheAlias(Event first, AliasEvent alias) {
        Mark start = alias.getStartMark();
        Mark end = alias.getEndMark();
        if (first instanceof ScalarEvent s) {
            return new ScalarEvent(s.getAnchor(), s.getTag(), s.getImplicit(), s.getValue(), start, end,
                    s.getScalarStyle());
        }
        CollectionStartEvent c = (CollectionStartEvent) first;
        return c instanceof MappingStartEvent
                ? new MappingStartEvent(c.getAnchor(), c.getTag(), c.getImplicit(), start, end, c.getFlowStyle())
                : new SequenceStartEvent(c.getAnchor(), c.getTag(), c.getImplicit(), start, end, c.getFlowStyle());
    }

    /** An alias or merge key that cannot be expanded, at its place in the text. */
    static final class Problem extends MarkedYAMLException {
        private static final long serialVersionUID = 1L;
        /** What the text should hold there. */
        final String expected;
        /** What it holds. */
        final String found;

        Problem(Mark mark, String expected, String found) {
            super(null, null, expected + ", found " + found, mark);
            this.expected = expected;
            this.found = found;
        }
    }
}
