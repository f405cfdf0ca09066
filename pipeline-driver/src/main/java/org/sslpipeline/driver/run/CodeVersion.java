package org.sslpipeline.driver.run;

/**
 * Which build of the pipeline is running, recorded with every finished stage of a run folder so that a run
 * resumed by a different build says so. {@code bin/ssl-pipeline} passes, as the system property {@value #PROPERTY},
 * the short hash of its checkout's last commit that changed code (docs and Markdown files do not count), with
 * "-dirty" when the code differs from it; without it (tests, an embedding application) the version is
 * {@value #UNKNOWN}.
 */
public final class CodeVersion {
    public static final String PROPERTY = "ssl.code-version";
    public static final String UNKNOWN = "unknown";

    private CodeVersion() {}

    public static String current() {
        String version = System.getProperty(PROPERTY, "").strip();
        return version.isEmpty() ? UNKNOWN : version;
    }
}
