package org.sslpipeline.driver.cli;

/**
 * A subcommand of {@code ssl-pipeline} that another module brings: a picocli {@code @Command} class with a public
 * no-argument constructor, named in that module's {@code META-INF/services/org.sslpipeline.driver.cli.CommandPlugin}.
 * The driver adds every one on its classpath, found through {@link java.util.ServiceLoader}, so it depends on none
 * of those modules.
 */
public interface CommandPlugin {
}
