package org.sslpipeline.driver.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.function.Consumer;

/** What a piece of code prints to System.out or System.err. */
public final class Console {
    private Console() {}

    public static String out(Runnable r) {
        return capture(r, System.out, System::setOut);
    }

    public static String err(Runnable r) {
        return capture(r, System.err, System::setErr);
    }

    private static String capture(Runnable r, PrintStream original, Consumer<PrintStream> set) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        set.accept(new PrintStream(buffer, true));
        try {
            r.run();
        } finally {
            set.accept(original);
        }
        return buffer.toString();
    }
}
