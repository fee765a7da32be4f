package io.gridloop.system;

import io.github.bucket4j.TimeMeter;
import java.time.Clock;

/**
 * Bucket4j's time from the application's clock (the engine's), so that rate limits refill as every deadline moves: tests
 * move that clock, and waits agree with the rest of GridLoop.
 */
public final class ClockTimeMeter implements TimeMeter {

    private final Clock clock;

    public ClockTimeMeter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public long currentTimeNanos() {
        return clock.millis() * 1_000_000L;
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
