package io.gridloop.citizen;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * How often the citizens' pages take a report: per client address ({@code gridloop.citizen.reports-per-client-hour},
 * default 10 an hour; behind the proxy the address comes from its forwarded header, see server.forward-headers-strategy)
 * and per phone number or e-mail address ({@code gridloop.citizen.reports-per-contact-day}, default 5 a day). Every
 * try counts, accepted or refused, so a script guessing human checks runs out as fast as one sending reports. Bucket4j
 * token buckets in this node's memory, in a bounded table (the oldest forgotten first).
 */
@Component
public class CitizenLimits {

    private static final int MAX_KEYS = 20_000;

    private final int perClientHour;
    private final int perContactDay;
    private final TimeMeter time;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_KEYS;
        }
    };

    public CitizenLimits(Clock clock, CitizenSettings settings) {
        this.perClientHour = settings.reportsPerClientHour();
        this.perContactDay = settings.reportsPerContactDay();
        this.time = new io.gridloop.system.ClockTimeMeter(clock);
    }

    /** Counts one try of this client (and contact, when given); refuses with 429 once either is over its limit. */
    public synchronized void take(String client, String phone, String email) {
        boolean clientOk = bucket("client:" + (client == null ? "" : client), perClientHour, Duration.ofHours(1)).tryConsume(1);
        boolean contactOk = true;
        for (String contact : new String[] {phone, email}) {
            if (contact != null && !contact.isBlank()) {
                String key = "contact:" + contact.replaceAll("[\\s()\\-]", "").toLowerCase(Locale.ROOT);
                contactOk &= bucket(key, perContactDay, Duration.ofDays(1)).tryConsume(1);
            }
        }
        if (!clientOk) {
            throw new CitizenRefusedException(429, "error.citizen.tooManyFromClient", perClientHour);
        }
        if (!contactOk) {
            throw new CitizenRefusedException(429, "error.citizen.tooManyFromContact", perContactDay);
        }
    }

    private Bucket bucket(String key, int capacity, Duration period) {
        return buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(l -> l.capacity(capacity).refillGreedy(capacity, period))
                .withCustomTimePrecision(time)
                .build());
    }

    /** Tests start each case with full buckets. */
    synchronized void forgetAll() {
        buckets.clear();
    }
}
