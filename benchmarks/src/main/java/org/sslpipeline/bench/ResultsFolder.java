package org.sslpipeline.bench;

import org.sslpipeline.driver.config.PipelineConfig;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;

/** The {@code --results} option of every bench command: the folder its results files go to. */
final class ResultsFolder {
    static final String IN_RUN_DIR = "bench";

    @Option(names = "--results", paramLabel = "DIR",
            description = "Folder of the results files (default: <run.dir>/" + IN_RUN_DIR + "). The project's tables "
                    + "are in docs/results: name that folder to add rows to them.")
    Path named;

    /** The folder named with --results, else {@value #IN_RUN_DIR} in run.dir, which must then be on the local disk. */
    Path resolve(PipelineConfig config) {
        if (named != null) return named;
        URI runs = new org.apache.hadoop.fs.Path(config.run().dir()).toUri();
        if (runs.getScheme() != null && !runs.getScheme().equals("file")) {
            throw new IllegalArgumentException("results files are written to the local disk, and run.dir "
                    + config.run().dir() + " is not on it: name a folder with --results");
        }
        return Path.of(runs.getPath()).resolve(IN_RUN_DIR);
    }
}
