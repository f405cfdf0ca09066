package org.sslpipeline.jobs.ingest;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.sslpipeline.training.io.HadoopFiles;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which split and class every file of an image folder belongs to, read from the folder names alone. Two layouts:
 * <ul>
 *   <li>split folders, {@code root/<split>/<class>/<image>}: a root folder named like a split (see
 *       {@link Rules#splitFolders}) makes every root folder a split;</li>
 *   <li>class folders, {@code root/<class>/<image>}: one split ({@link Rules#defaultSplit}).</li>
 * </ul>
 * Wherever a class folder may stand, a folder named {@value #UNLABELED} (holding images at any depth) and image files
 * outside any class folder become unlabeled rows of that split; files directly under the root and in
 * {@code root/unlabeled} go to the default split. A class folder holding folders, or a layout that mixes split and
 * class folders at the root, is refused with the layout it found: folder names are never guessed at. When there is
 * no {@code test} split, one is drawn from each class's labeled rows of the default split ({@link Rules#testFraction},
 * seeded, stratified). Names starting with '_' or '.' are skipped, as Spark and Hadoop do.
 */
final class ImageFolderLayout {
    static final String UNLABELED = "unlabeled";
    static final String TEST_SPLIT = "test";

    /**
     * @param splitFolders  root folder names that mark the split-folder layout (e.g. train, val, test)
     * @param defaultSplit  the split of a class-folder layout and of unlabeled files at the root
     * @param testFraction  share of each class's labeled default-split rows drawn into a test split when the source has
     *                      none, in [0, 1); 0 = never
     * @param seed          seed of that draw
     */
    record Rules(List<String> splitFolders, String defaultSplit, double testFraction, long seed) implements Serializable {
        Rules {
            splitFolders = List.copyOf(splitFolders);
            if (!(testFraction >= 0 && testFraction < 1)) {
                throw new IllegalArgumentException("test fraction must be in [0, 1), got " + testFraction);
            }
        }
    }

    /** One input file: its id (the path below the root), split, and class index (null = unlabeled). */
    record ImageFile(String id, String split, Integer label) implements Serializable {}

    private final String description;
    private final List<String> classNames;
    private final Map<String, List<ImageFile>> filesPerSplit;
    private final List<String> emptyClassFolders;
    private final String testDraw;

    private ImageFolderLayout(String description, List<String> classNames, Map<String, List<ImageFile>> filesPerSplit,
                              List<String> emptyClassFolders, String testDraw) {
        this.description = description;
        this.classNames = classNames;
        this.filesPerSplit = filesPerSplit;
        this.emptyClassFolders = emptyClassFolders;
        this.testDraw = testDraw;
    }

    /** The layout as a path pattern, e.g. {@code root/<split>/<class>/<image>}. */
    String description() { return description; }

    /** Class folder names, sorted; a class's label is its index. */
    List<String> classNames() { return classNames; }

    /** Splits in the order train, val, validation, test, then the others by name. */
    List<String> splits() { return List.copyOf(filesPerSplit.keySet()); }

    List<ImageFile> files(String split) { return filesPerSplit.getOrDefault(split, List.of()); }

    long fileCount() { return filesPerSplit.values().stream().mapToLong(List::size).sum(); }

    /** Class folders with no file in them, as paths below the root. */
    List<String> emptyClassFolders() { return emptyClassFolders; }

    /** How the test split was drawn, or null if the source had one (or none was drawn). */
    String testDraw() { return testDraw; }

    /**
     * Lists the folder and assigns every file.
     *
     * @param knownClasses the classes of the corpus appended to (labels are their indexes; other class folders are
     *                     refused), or null: the class folders found are the classes
     * @throws IllegalArgumentException naming the layout found, if the folder fits neither layout or has no files
     */
    static ImageFolderLayout read(FileSystem fs, Path root, Rules rules, List<String> knownClasses) {
        Node tree = Node.list(fs, root, "");
        if (tree.fileCount() == 0) {
            throw new IllegalArgumentException("no image files under " + root + " (" + tree.folders.size()
                    + " folders, all empty); expected root/<class>/<image> or root/<split>/<class>/<image>");
        }
        Set<String> splitNames = new TreeSet<>(rules.splitFolders());
        List<String> splitFolders = tree.folders.keySet().stream().filter(splitNames::contains).toList();
        Builder builder = new Builder();
        String description;
        if (!splitFolders.isEmpty()) {
            description = "root/<split>/<class>/<image>";
            for (var entry : tree.folders.entrySet()) {
                String name = entry.getKey();
                if (splitNames.contains(name)) {
                    builder.classFolders(entry.getValue(), name, description);
                } else if (name.equals(UNLABELED)) {
                    builder.unlabeled(entry.getValue(), rules.defaultSplit());
                } else {
                    throw new IllegalArgumentException("the image folder " + root + " mixes split folders ("
                            + String.join(", ", splitFolders) + ") with '" + name + "', which is neither a split "
                            + "(ingest.split-folders: " + String.join(", ", rules.splitFolders()) + ") nor "
                            + UNLABELED + "/; the layout " + description + " allows only those at the root");
                }
            }
            tree.files.forEach(file -> builder.add(file, rules.defaultSplit(), null));
        } else {
            description = "root/<class>/<image>";
            builder.classFolders(tree, rules.defaultSplit(), description);
        }
        String testDraw = null;
        if (!builder.files.containsKey(TEST_SPLIT) && rules.testFraction() > 0) {
            testDraw = builder.drawTestSplit(rules);
        }
        List<String> classNames = List.copyOf(builder.classNames);
        if (knownClasses != null) {
            List<String> unknown = classNames.stream().filter(name -> !knownClasses.contains(name)).toList();
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("class folders " + unknown + " under " + root + " are not classes of "
                        + "the corpus (" + String.join(", ", knownClasses) + ")");
            }
            classNames = List.copyOf(knownClasses);
        }
        return new ImageFolderLayout(description, classNames, builder.ordered(classNames),
                List.copyOf(builder.emptyClassFolders), testDraw);
    }

    /** Collects files per split while class names are still being found; labels are set at the end. */
    private static final class Builder {
        final TreeSet<String> classNames = new TreeSet<>();
        /** A file found, with its class folder's name (null = unlabeled); labels are known once all are found. */
        private record Found(String id, String className) {}

        final Map<String, List<Found>> files = new TreeMap<>();
        final List<String> emptyClassFolders = new ArrayList<>();

        /** A folder whose sub-folders are classes (and unlabeled/), and whose files are unlabeled. */
        void classFolders(Node folder, String split, String description) {
            for (var entry : folder.folders.entrySet()) {
                Node child = entry.getValue();
                if (entry.getKey().equals(UNLABELED)) {
                    unlabeled(child, split);
                    continue;
                }
                if (!child.folders.isEmpty()) {
                    throw new IllegalArgumentException("class folder '" + child.id + "' holds folders (e.g. '"
                            + child.folders.values().iterator().next().id + "'); the layout found is " + description
                            + ", where images sit directly in their class folder (only " + UNLABELED
                            + "/ may nest)");
                }
                classNames.add(entry.getKey());
                if (child.files.isEmpty()) emptyClassFolders.add(child.id);
                child.files.forEach(file -> add(file, split, entry.getKey()));
            }
            folder.files.forEach(file -> add(file, split, null));
        }

        void unlabeled(Node folder, String split) {
            folder.files.forEach(file -> add(file, split, null));
            folder.folders.values().forEach(child -> unlabeled(child, split));
        }

        void add(String id, String split, String className) {
            files.computeIfAbsent(split, s -> new ArrayList<>()).add(new Found(id, className));
        }

        /** Moves round(fraction x n) of each class's labeled default-split files, drawn with the seed, to test. */
        String drawTestSplit(Rules rules) {
            List<Found> source = files.get(rules.defaultSplit());
            if (source == null) return null;
            Map<String, List<Found>> perClass = new TreeMap<>();
            source.stream().filter(f -> f.className() != null).forEach(f -> perClass.computeIfAbsent(f.className(), c -> new ArrayList<>()).add(f));
            if (perClass.isEmpty()) return null;
            Set<Found> drawn = new HashSet<>();
            Random random = new Random(rules.seed());
            for (List<Found> classFiles : perClass.values()) {
                classFiles.sort(Comparator.comparing(Found::id));
                Collections.shuffle(classFiles, random);
                drawn.addAll(classFiles.subList(0, (int) Math.round(classFiles.size() * rules.testFraction())));
            }
            source.removeIf(drawn::contains);
            List<Found> test = new ArrayList<>(drawn);
            test.sort(Comparator.comparing(Found::id));
            files.put(TEST_SPLIT, test);
            return String.format(java.util.Locale.ROOT, "no %s split in the source: %d images (%.0f%% of each class's "
                            + "labeled %s images, seed %d; ingest.test-fraction, ingest.seed) drawn into one",
                    TEST_SPLIT, test.size(), 100 * rules.testFraction(), rules.defaultSplit(), rules.seed());
        }

        /** Files per split, splits in a fixed order, files by id; labels are indexes into {@code labels}. */
        Map<String, List<ImageFile>> ordered(List<String> labels) {
            List<String> order = new ArrayList<>(List.of("train", "val", "validation", TEST_SPLIT));
            Map<String, List<ImageFile>> result = new LinkedHashMap<>();
            files.keySet().stream()
                    .sorted(Comparator.comparingInt((String s) -> order.contains(s) ? order.indexOf(s) : order.size())
                            .thenComparing(s -> s))
                    .forEach(split -> result.put(split, files.get(split).stream()
                            .sorted(Comparator.comparing(Found::id))
                            .map(f -> new ImageFile(f.id(), split,
                                    f.className() == null ? null : labels.indexOf(f.className())))
                            .toList()));
            return result;
        }
    }

    /** A listed folder: its id (path below the root), its files' ids and its sub-folders, by name. */
    private record Node(String id, List<String> files, Map<String, Node> folders) {

        static Node list(FileSystem fs, Path folder, String id) {
            List<String> files = new ArrayList<>();
            Map<String, Node> folders = new TreeMap<>();
            for (var entry : LocalFiles.isLocal(fs) ? LocalFiles.list(fs, folder) : listHadoop(fs, folder)) {
                String name = entry.getKey();
                if (HadoopFiles.isHidden(name)) continue;
                String childId = id.isEmpty() ? name : id + "/" + name;
                if (entry.getValue()) {
                    folders.put(name, list(fs, new Path(folder, name), childId));
                } else {
                    files.add(childId);
                }
            }
            files.sort(Comparator.naturalOrder());
            return new Node(id, files, folders);
        }

        /** (name, is a folder) of each entry. */
        private static List<Map.Entry<String, Boolean>> listHadoop(FileSystem fs, Path folder) {
            try {
                return Arrays.stream(fs.listStatus(folder))
                        .map(status -> Map.entry(status.getPath().getName(), status.isDirectory()))
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
            }
        }

        long fileCount() {
            return files.size() + folders.values().stream().mapToLong(Node::fileCount).sum();
        }
    }
}
