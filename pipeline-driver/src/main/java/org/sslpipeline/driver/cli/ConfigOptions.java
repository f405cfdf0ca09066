package org.sslpipeline.driver.cli;

import org.sslpipeline.driver.config.PipelineConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The options every command shares: a HOCON config file and key=value overrides. */
public final class ConfigOptions {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "HOCON config file (see conf/): a local path or a Hadoop file system URI (hdfs://, s3a://); "
                    + "keys not set there take reference.conf's defaults.")
    String configFile;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "Override one setting, e.g. --set train.epochs=3 --set spark.master=local[2]. Repeatable.")
    List<String> overrides = new ArrayList<>();

    /** The file given with --config; null for none. */
    public String configFile() {
        return configFile;
    }

    /** The --set overrides, in the order given. */
    public List<String> overrides() {
        return List.copyOf(overrides);
    }

    public PipelineConfig load() {
        return PipelineConfig.load(configFile, List.of(), overrides);
    }

    /** Loads with a command's own defaults ({@code key=value}), which the config file and --set override. */
    public PipelineConfig loadWithDefaults(List<String> commandDefaults) {
        return PipelineConfig.load(configFile, commandDefaults, overrides);
    }

    /** Loads with a default config file when none was given (used by the quick start). */
    public PipelineConfig load(Path defaultFile) {
        return PipelineConfig.load(configFile != null ? configFile : defaultFile.toString(), List.of(), overrides);
    }
}
