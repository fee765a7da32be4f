package io.gridloop.security;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Failed sign-ins, throttled per account and client address, in every door that checks a password (the login page,
 * HTTP Basic at /api and /engine-rest, the webapps' login). Five wrong passwords from one client for one account make
 * that pair wait a few seconds before its next try, ten within minutes a minute, twenty within the hour three minutes
 * (the cap): each wait is a Bucket4j refill of one of three limits. Nothing is permanent and nothing locks the account
 * itself (the engine's own lockout is off, see application.yml): the official signs in from another client at once, and
 * from the same one once the wait is over; the right password clears the pair.
 *
 * <p>The pairs live in this node's memory: each node counts its own (a cluster allows as many tries as it has nodes).
 * The table is bounded; evicting the oldest pairs would take an attacker some ten thousand failed sign-ins for five more
 * guesses.
 */
@Component
public class SignInThrottle {

    private static final int MAX_PAIRS = 10_000;
    /** The longest limit's period: a pair without a failure for this long is forgotten. */
    private static final Duration LONGEST = Duration.ofHours(1);

    /** A pair refused for now, as administrators see it. */
    public record Throttled(String account, String client, int failures, Instant lastFailure, long waitSeconds) {}

    private record Key(String account, String client) {}

    private static final class Pair {
        final Bucket bucket;
        int failures;
        Instant lastFailure;

        Pair(Bucket bucket) {
            this.bucket = bucket;
        }
    }

    private final Clock clock;
    private final TimeMeter time;
    private final Map<Key, Pair> pairs = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Pair> eldest) {
            return size() > MAX_PAIRS;
        }
    };

    public SignInThrottle(Clock clock) {
        this.clock = clock;
        this.time = new io.gridloop.system.ClockTimeMeter(clock);
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(l -> l.capacity(5).refillGreedy(5, Duration.ofSeconds(30)))
                .addLimit(l -> l.capacity(10).refillGreedy(10, Duration.ofMinutes(10)))
                .addLimit(l -> l.capacity(20).refillGreedy(20, LONGEST))
                .withCustomTimePrecision(time)
                .build();
    }

    /** Seconds this client must wait before it may try this account's password again; 0 when it may now. */
    public synchronized long waitSeconds(String account, String client) {
        Pair pair = pairs.get(key(account, client));
        if (pair == null) {
            return 0;
        }
        EstimationProbe probe = pair.bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? 0 : Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    }

    /** A wrong password (or an unknown account) from this client. */
    public synchronized void failed(String account, String client) {
        Pair pair = pairs.computeIfAbsent(key(account, client), k -> new Pair(newBucket()));
        pair.bucket.tryConsume(1);
        pair.failures++;
        pair.lastFailure = clock.instant();
    }

    /** The right password: the pair starts afresh. */
    public synchronized void succeeded(String account, String client) {
        pairs.remove(key(account, client));
    }

    /** The pairs refused right now, longest wait first. */
    public synchronized List<Throttled> throttled() {
        List<Throttled> list = new ArrayList<>();
        for (Map.Entry<Key, Pair> e : new ArrayList<>(pairs.entrySet())) {
            EstimationProbe probe = e.getValue().bucket.estimateAbilityToConsume(1);
            if (!probe.canBeConsumed()) {
                list.add(new Throttled(e.getKey().account(), e.getKey().client(), e.getValue().failures, e.getValue().lastFailure,
                        Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L)));
            }
        }
        list.sort(Comparator.comparingLong(Throttled::waitSeconds).reversed());
        return list;
    }

    /** Pairs without a failure for the longest limit's period have nothing left to count. */
    @Scheduled(fixedDelayString = "PT5M")
    public synchronized void forgetOldPairs() {
        Instant before = clock.instant().minus(LONGEST);
        pairs.values().removeIf(p -> p.lastFailure == null || p.lastFailure.isBefore(before));
    }

    private static Key key(String account, String client) {
        return new Key(account == null ? "" : account.trim().toLowerCase(Locale.ROOT), client == null ? "" : client);
    }
}
