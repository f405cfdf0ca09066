package org.sslpipeline.driver.config;

import com.typesafe.config.ConfigObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** reference.conf is the settings' documentation: every key keeps its comment. */
class ReferenceConfTest {
    /** A line that opens a key: {@code name = ...}, {@code name: ...} or {@code name {}. */
    private static final Pattern KEY_LINE = Pattern.compile("^[A-Za-z\"][^=:{]*[=:{].*");

    @Test
    void everyKeyHasACommentOnTheLineAbove() throws IOException, URISyntaxException {
        List<String> lines = Files.readAllLines(ourReferenceConf());
        List<String> uncommented = new ArrayList<>();
        int keyLines = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (!line.startsWith("#") && KEY_LINE.matcher(line).matches()) {
                keyLines++;
                if (i == 0 || !lines.get(i - 1).trim().startsWith("#")) {
                    uncommented.add("line " + (i + 1) + ": " + line);
                }
            }
        }

        assertEquals(List.of(), uncommented, "keys without a comment line above them");
        // One key per line, or keys on other lines would escape the check above.
        assertEquals(countKeys(ConfigLayers.reference().root()), keyLines, "key lines vs keys in reference.conf");
    }

    private static int countKeys(ConfigObject section) {
        int count = 0;
        // Not section.values(): Typesafe returns those as a set, so equal values would count once.
        for (String key : section.keySet()) {
            count += 1 + (section.get(key) instanceof ConfigObject subsection ? countKeys(subsection) : 0);
        }
        return count;
    }

    // Libraries may ship their own reference.conf inside their jars; ours is the one in the build's class folder.
    private static Path ourReferenceConf() throws IOException, URISyntaxException {
        for (URL url : Collections.list(ReferenceConfTest.class.getClassLoader().getResources("reference.conf"))) {
            if (url.getProtocol().equals("file")) {
                return Path.of(url.toURI());
            }
        }
        throw new AssertionError("reference.conf not found in a class folder");
    }
}
