package org.sslpipeline.driver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sslpipeline.driver.SslPipeline;
import org.sslpipeline.training.nn.ModelDescription;
import org.sslpipeline.training.nn.ModelFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** conf/quickstart.conf, cut to a few steps: a FixMatch teacher, then one round of pseudo-label, select, student. */
class QuickstartConfigTest {

    @Test
    void theQuickStartsConfigRunsItsStagesInOrder(@TempDir Path runs) throws Exception {
        TestCorpus.fashionMnist();
        List<String> args = new ArrayList<>(List.of("run", "--config", quickstartConf().toString(),
                "--set", "data.max-unlabeled=2000", "--set", "train.epochs=1", "--set", "train.steps-per-epoch=4",
                "--set", "noisy-student.student-epochs=1", "--run-id", "qs"));
        args.addAll(1, TestCorpus.baseArgs(runs));
        assertEquals(0, SslPipeline.run(args.toArray(String[]::new)));

        JsonNode finished = new ObjectMapper().readTree(runs.resolve("qs/state.json").toFile()).get("finished");
        List<String> stages = new ArrayList<>();
        for (Iterator<String> names = finished.fieldNames(); names.hasNext(); ) stages.add(names.next());
        assertEquals(List.of("round-1/teacher", "round-1/pseudo", "round-1/select", "round-1/student"), stages);
        assertEquals(2000, finished.at("/round-1~1pseudo/pseudo_labels").asLong());

        ModelDescription teacher = describe(runs.resolve("qs/round-1/teacher/train/model.zip"));
        ModelDescription student = describe(runs.resolve("qs/round-1/student/train/model.zip"));
        assertEquals("fixmatch", teacher.algorithm());
        assertEquals("noisy-student student", student.algorithm());
        assertEquals(teacher.classNames(), student.classNames());
    }

    private static ModelDescription describe(Path model) {
        return ModelFiles.description(new org.apache.hadoop.fs.Path(model.toUri()), new Configuration()).orElseThrow();
    }

    private static Path quickstartConf() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("conf/quickstart.conf"))) return dir.resolve("conf/quickstart.conf");
        }
        throw new IllegalStateException("no conf/quickstart.conf above " + Path.of("").toAbsolutePath());
    }
}
