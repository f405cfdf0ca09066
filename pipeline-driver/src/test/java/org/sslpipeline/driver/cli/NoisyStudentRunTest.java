package org.sslpipeline.driver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sslpipeline.driver.SslPipeline;
import org.sslpipeline.jobs.pseudo.SelectionSummary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ssl-pipeline run} on a Fashion-MNIST slice: teacher, one Noisy Student round with a student trained longer
 * than its teacher. A driver killed (SIGKILL)
 * while it pseudo-labels, and one killed while its student trains, each started again with the same command,
 * end with the same label counts and the same metrics as a run that was never interrupted.
 */
class NoisyStudentRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void corpus() {
        TestCorpus.fashionMnist();
    }

    @Test
    void killedWhilePseudoLabelingOrTrainingTheStudentAndRestartedEqualsAStraightRun(@TempDir Path runs) throws Exception {
        List<String> run = new ArrayList<>(List.of("run",
                "--set", "train.trainer=local",
                "--set", "data.labels-per-class=10",
                "--set", "data.max-unlabeled=3000",
                "--set", "train.batch-size=16",
                "--set", "train.steps-per-epoch=10",
                "--set", "train.epochs=3",
                "--set", "train.eval-every-epochs=10",
                "--set", "noisy-student.pseudo-label-batch-size=16",
                "--set", "noisy-student.per-class=150",
                "--set", "noisy-student.pseudo-ratio=3",
                "--set", "noisy-student.student-epochs=4"));
        run.addAll(1, TestCorpus.baseArgs(runs));

        assertEquals(0, SslPipeline.run(with(run, "--run-id", "straight")));
        JsonNode straight = state(runs.resolve("straight"));
        assertEquals(3000, straight.at("/finished/round-1~1pseudo/pseudo_labels").asLong());
        assertEquals(1500, straight.at("/finished/round-1~1select/selected").asLong(), "150 per class, duplicates filling");
        assertTrue(Files.exists(runs.resolve("straight/round-1/selected/_selection.json")));
        assertEquals(30, straight.at("/finished/round-1~1teacher/iterations").asLong(), "3 epochs of 10 steps");
        assertEquals(40, straight.at("/finished/round-1~1student/iterations").asLong(), "student-epochs 4 of 10 steps");
        assertEquals(1, seedOf(runs.resolve("straight/round-1/teacher/train/metrics.json")));
        assertEquals(1001, seedOf(runs.resolve("straight/round-1/student/train/metrics.json")), "the student's own seed");
        String report = Files.readString(runs.resolve("straight/report.html"));
        for (String model : List.of("round-1~1teacher", "round-1~1student")) {
            assertTrue(report.contains(String.format(Locale.ROOT, "%.4f", straight.at("/finished/" + model + "/test_accuracy").asDouble())),
                    "the report shows the test accuracy of " + model);
        }
        assertEquals(SelectionSummary.CONFIDENCE_BINS, occurrences(section(report, "Teacher confidence"), "<title>confidence "),
                "a bar per confidence bin");
        assertEquals(3000, straight.at("/finished/round-1~1pseudo/hidden_labels").asLong(), "the pool's labels are hidden, not absent");
        double hiddenLabelAccuracy = straight.at("/finished/round-1~1pseudo/hidden_label_accuracy").asDouble();
        assertTrue(hiddenLabelAccuracy > 0.2 && hiddenLabelAccuracy <= 1, "pseudo-labels better than chance: " + hiddenLabelAccuracy);
        assertTrue(section(report, "Pseudo-labels against the hidden labels").contains(String.format(Locale.ROOT, "%.4f", hiddenLabelAccuracy)));
        assertTrue(report.contains("<td>Ankle boot</td><td>"), "class rows are named");

        // killed while the teacher labels the pool: its output is still in a staging folder
        killWhen(with(run, "--run-id", "killed-labeling"), runs, "killed-labeling",
                dir -> stagingFolder(dir.resolve("round-1"), "pseudo"));
        assertFalse(state(runs.resolve("killed-labeling")).at("/finished").has("round-1/pseudo"));
        assertEquals(0, SslPipeline.run(with(run, "--run-id", "killed-labeling")));
        assertEquals(List.of(), DriverProcess.unfinishedCopies(runs.resolve("killed-labeling")), "the killed job's staging is cleared");

        // killed while the student trains, after its first checkpoint
        killWhen(with(run, "--run-id", "killed-student"), runs, "killed-student",
                dir -> Files.isDirectory(dir.resolve("round-1/student/train/checkpoints/epoch-0001"))
                        || Files.isDirectory(dir.resolve("round-1/student/train/checkpoints/epoch-0002")));
        assertFalse(state(runs.resolve("killed-student")).at("/finished").has("round-1/student"));
        assertEquals(0, SslPipeline.run(with(run, "--run-id", "killed-student")));
        assertEquals(List.of(), DriverProcess.unfinishedCopies(runs.resolve("killed-student")));

        for (String restarted : List.of("killed-labeling", "killed-student")) {
            JsonNode state = state(runs.resolve(restarted));
            for (String count : List.of("/finished/round-1~1pseudo/pseudo_labels", "/finished/round-1~1select/selected",
                    "/finished/round-1~1select/selected_unique", "/finished/round-1~1pseudo/model_checksum",
                    "/finished/round-1~1pseudo/hidden_label_accuracy")) {
                assertEquals(straight.at(count), state.at(count), restarted + " " + count);
            }
            for (String metrics : List.of("round-1/teacher/train/metrics.json", "round-1/student/train/metrics.json")) {
                // outputs name their own run's folders
                assertEquals(Files.readString(runs.resolve("straight").resolve(metrics)),
                        Files.readString(runs.resolve(restarted).resolve(metrics)).replace("/" + restarted + "/", "/straight/"),
                        restarted + " " + metrics);
            }
            assertEquals(Files.readString(runs.resolve("straight/round-1/selected/_selection.json")),
                    Files.readString(runs.resolve(restarted).resolve("round-1/selected/_selection.json"))
                            .replace("/" + restarted + "/", "/straight/"));
            assertEquals(classBalance(report), classBalance(Files.readString(runs.resolve(restarted).resolve("report.html"))),
                    restarted + " report.html");
        }

        // a finished run started again does nothing more; with other settings it is refused
        assertEquals(0, SslPipeline.run(with(run, "--run-id", "straight")));
        assertEquals(2, SslPipeline.run(with(run, "--run-id", "straight", "--set", "noisy-student.threshold=0.5")));
    }

    private static long seedOf(Path metrics) throws IOException {
        return JSON.readTree(metrics.toFile()).get("seed").asLong();
    }

    private static void killWhen(String[] args, Path runs, String id, Predicate<Path> moment) throws Exception {
        // the log outlives the temporary run folder, for when this fails
        Path log = Files.createDirectories(Path.of("target", "noisy-student-run-test")).resolve(id + ".log");
        Process victim = DriverProcess.launch(args, log);
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        Path dir = runs.resolve(id);
        while (!moment.test(dir) && victim.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(victim.isAlive(), "the driver ended before the moment to kill it; see " + log);
        victim.destroyForcibly(); // SIGKILL
        assertTrue(victim.waitFor(30, TimeUnit.SECONDS));
    }

    private static boolean stagingFolder(Path parent, String name) {
        if (!Files.isDirectory(parent)) return false;
        try (Stream<Path> children = Files.list(parent)) {
            return children.anyMatch(p -> p.getFileName().toString().startsWith("." + name + ".tmp-"));
        } catch (IOException e) {
            return false;
        }
    }

    private static int occurrences(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    /** The part of the report under the heading {@code <h3>title</h3>}, up to the next heading. */
    private static String section(String report, String title) {
        int start = report.indexOf("<h3>" + title + "</h3>");
        assertTrue(start >= 0, "the report has a section " + title);
        int end = report.indexOf("<h", start + title.length() + 9);
        return report.substring(start, end < 0 ? report.length() : end);
    }

    /** The report's class-balance chart and table: counts only, no run id or timing. */
    private static String classBalance(String report) {
        return report.substring(report.indexOf("<h3>Classes before and after selection</h3>"));
    }

    private static JsonNode state(Path run) throws IOException {
        return JSON.readTree(run.resolve("state.json").toFile());
    }

    private static String[] with(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
