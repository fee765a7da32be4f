package io.gridloop.open311;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Who may call the keyed endpoints: a live key (unknown, revoked and missing keys are all 403) within its rate, a token
 * bucket per key on this node ({@code gridloop.open311.calls-per-minute}, default 120; 429 beyond it).
 */
@Component
public class Open311Clients {

    private final Open311Keys keys;
    private final int perMinute;
    private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();

    public Open311Clients(Open311Keys keys, Open311Settings settings) {
        this.keys = keys;
        this.perMinute = settings.callsPerMinute();
    }

    public ApiKey require(String apiKey) {
        ApiKey key = keys.verify(apiKey).orElseThrow(() -> new Open311Exception(403, "error.open311.apiKey"));
        Bucket bucket = buckets.computeIfAbsent(key.id(), id -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillIntervally(perMinute, Duration.ofMinutes(1)).build())
                .build());
        if (!bucket.tryConsume(1)) {
            throw new Open311Exception(429, "error.open311.tooManyCalls", perMinute);
        }
        return key;
    }
}
