package org.sslpipeline.driver.config;

import com.typesafe.config.ConfigUtil;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Suggests the known keys a mistyped or misplaced key was probably meant to be. */
final class DidYouMean {
    private DidYouMean() {}

    static List<String> suggest(String unknownPath, Collection<String> knownPaths) {
        // A file that forgets the ssl { } root is the commonest slip.
        if (knownPaths.contains("ssl." + unknownPath)) {
            return List.of("ssl." + unknownPath);
        }
        String wanted = normalize(unknownPath);
        String closest = null;
        int closestDistance = Integer.MAX_VALUE;
        for (String known : knownPaths) {
            int distance = editDistance(wanted, normalize(known));
            if (distance < closestDistance) {
                closest = known;
                closestDistance = distance;
            }
        }
        if (closest != null && closestDistance <= Math.max(1, lastKey(unknownPath).length() / 3)) {
            return List.of(closest);
        }
        // Right name, wrong section: ssl.train.dropout -> ssl.model.dropout.
        String leaf = normalize(lastKey(unknownPath));
        return knownPaths.stream().filter(known -> normalize(lastKey(known)).equals(leaf)).sorted().toList();
    }

    /** batch_size, batchSize and batch-size are the same key to a reader. */
    private static String normalize(String key) {
        return key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    private static String lastKey(String path) {
        List<String> keys = ConfigUtil.splitPath(path);
        return keys.get(keys.size() - 1);
    }

    /** Edits (insert, delete, substitute, swap two neighbours) that turn one string into the other. */
    private static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
