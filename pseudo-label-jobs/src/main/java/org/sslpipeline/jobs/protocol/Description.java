package org.sslpipeline.jobs.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/** A protocol's {@link SemiSupervisedProtocol#describe()}: its name, then its settings, in a fixed order. */
final class Description {
    private Description() {}

    /** @param keysAndValues key, value, key, value, ... */
    static Map<String, Object> of(String name, Object... keysAndValues) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("protocol", name);
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) description.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return description;
    }
}
