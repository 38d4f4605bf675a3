package org.engram.experiments.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a list of run folders names each folder: by its name, or, where another folder of the list has
 * that name too, by the shortest end of its path that no other folder's path ends in
 * ({@code a/best} and {@code b/best} for {@code /x/a/best} and {@code /y/b/best}), its full path only where
 * the other's ends in all of it. Names, not paths: a full path would show a reader the author's home folder.
 */
final class FolderNames {
    private FolderNames() {
    }

    /**
     * @param folders the folders, distinct once made absolute and normalized
     * @return each folder's name as the list shows it, by the folder as given, in the order given
     */
    static Map<Path, String> of(List<Path> folders) {
        List<Path> absolute = folders.stream().map(f -> f.toAbsolutePath().normalize()).toList();
        Map<Path, String> names = new LinkedHashMap<>();
        for (int i = 0; i < folders.size(); i++) {
            Path p = absolute.get(i);
            List<Path> namesakes = new ArrayList<>();
            for (Path q : absolute) {
                if (q != p && q.getFileName() != null && q.getFileName().equals(p.getFileName())) {
                    namesakes.add(q);
                }
            }
            int k = 1;
            while (k < p.getNameCount() && sharedEnd(p, namesakes, k)) {
                k++;
            }
            // A path that is the end of another's (/x/run of /a/x/run) is told apart only by its root.
            names.put(folders.get(i), sharedEnd(p, namesakes, k) ? p.toString() : end(p, k));
        }
        return names;
    }

    /** Whether a folder's path ends, over its last {@code k} names, as one of the others' does. */
    private static boolean sharedEnd(Path p, List<Path> others, int k) {
        String mine = end(p, k);
        return others.stream().anyMatch(q -> q.getNameCount() >= k && end(q, k).equals(mine));
    }

    /** The last {@code k} names of a path, joined by {@code /} whatever the system's separator. */
    private static String end(Path p, int k) {
        List<String> names = new ArrayList<>();
        p.subpath(p.getNameCount() - k, p.getNameCount()).forEach(n -> names.add(n.toString()));
        return String.join("/", names);
    }
}
