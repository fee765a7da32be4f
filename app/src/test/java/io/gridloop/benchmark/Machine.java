package io.gridloop.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;

/** What the benchmarks say of the machine they ran on, which is shared: the figures move with its load. */
final class Machine {

    private Machine() {}

    /** The load average over 1, 5 and 15 minutes ("2.10 1.85 1.40"), or "unknown" where /proc has none. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
