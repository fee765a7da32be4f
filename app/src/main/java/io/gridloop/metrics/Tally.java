package io.gridloop.metrics;

import java.util.Arrays;

/** The counts of one unit (or of the total) while the cases are read, and the handling times for their mean and p90. */
final class Tally {

    /**
     * The handling-time buckets' upper edges in working hours (a bucket holds the times above the previous edge up to its
     * own; the last one everything longer): finer where most cases are, a working day (7.5 h) and its multiples among them.
     * The p90 is read from the summed buckets, so it is the same whether a period's times come from the summaries or are
     * read live (docs/evaluation.md gives its resolution).
     */
    static final double[] BUCKET_HOURS = {0.25, 0.5, 0.75, 1, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 7.5, 8, 10, 12, 15, 18, 22.5, 24, 30, 37.5,
            45, 52.5, 60, 75, 90, 112.5, 150, 187.5, 225, 300, 450, 600, 900};
    static final int BUCKETS = BUCKET_HOURS.length + 1;

    private final long[] counts = new long[Indicator.values().length];
    private final long[] buckets = new long[BUCKETS];
    private long hoursCount;
    private long secondsSum;
    private long secondsMax;
    private double weightedReports;

    void add(Indicator indicator) {
        add(indicator, 1);
    }

    void add(Indicator indicator, long n) {
        counts[indicator.ordinal()] += n;
    }

    long get(Indicator indicator) {
        return counts[indicator.ordinal()];
    }

    /** A report counted with its subcategory's difficulty weight. */
    void addWeightedReport(double weight) {
        weightedReports += weight;
    }

    double weightedReports() {
        return weightedReports;
    }

    static int bucketOf(long seconds) {
        for (int i = 0; i < BUCKET_HOURS.length; i++) {
            if (seconds <= Math.round(BUCKET_HOURS[i] * 3600)) {
                return i;
            }
        }
        return BUCKETS - 1;
    }

    void addHandlingSeconds(long s) {
        buckets[bucketOf(s)]++;
        hoursCount++;
        secondsSum += s;
        secondsMax = Math.max(secondsMax, s);
    }

    /** Adds handling times already summed (a summary row): how many, their sum and longest, the count in each bucket. */
    void addHandling(long count, long sum, long max, long[] bucketCounts) {
        hoursCount += count;
        secondsSum += sum;
        secondsMax = Math.max(secondsMax, max);
        for (int i = 0; i < BUCKETS; i++) {
            buckets[i] += bucketCounts[i];
        }
    }

    /** Nothing counted (a unit with cases alive in the period but nothing of theirs in it). */
    boolean isEmpty() {
        return Arrays.stream(counts).allMatch(n -> n == 0) && weightedReports == 0 && hoursCount == 0;
    }

    long handlingCount() {
        return hoursCount;
    }

    long handlingSum() {
        return secondsSum;
    }

    long handlingMax() {
        return secondsMax;
    }

    long bucket(int i) {
        return buckets[i];
    }

    void addAll(Tally other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        weightedReports += other.weightedReports;
        addHandling(other.hoursCount, other.secondsSum, other.secondsMax, other.buckets);
    }

    /**
     * Takes away what one case added (its counts, its weighted report, its handling time): false when the longest of the
     * handling times left is not known (the case's was the longest): the longest then stays as it was, too long, until
     * {@link #handlingMax(long)} sets it.
     */
    boolean subtract(Tally other) {
        boolean known = !(other.hoursCount > 0 && other.secondsMax >= secondsMax && hoursCount > other.hoursCount);
        for (int i = 0; i < counts.length; i++) {
            counts[i] -= other.counts[i];
        }
        weightedReports -= other.weightedReports;
        if (other.hoursCount > 0) {
            hoursCount -= other.hoursCount;
            secondsSum -= other.secondsSum;
            for (int i = 0; i < BUCKETS; i++) {
                buckets[i] -= other.buckets[i];
            }
            if (hoursCount == 0) {
                secondsMax = 0;
            }
        }
        return known;
    }

    /**
     * Whether the p90 depends on the longest time: its rank falls in the highest bucket that holds a time (below it, the
     * p90 is its bucket's edge, which every time in a higher bucket exceeds).
     */
    boolean p90NeedsMax() {
        if (hoursCount == 0) {
            return false;
        }
        long rank = (long) Math.ceil(0.9 * hoursCount);
        long seen = 0;
        int at = -1;
        int highest = -1;
        for (int i = 0; i < BUCKETS; i++) {
            seen += buckets[i];
            if (at < 0 && seen >= rank) {
                at = i;
            }
            if (buckets[i] > 0) {
                highest = i;
            }
        }
        return at >= highest;
    }

    /** The longest handling time, found again. */
    void handlingMax(long seconds) {
        secondsMax = seconds;
    }

    /**
     * Adds what one case counts now less what it counted before, in the same unit: false, and nothing added, when its
     * handling time differs from the one counted before (then take the one away and add the other).
     */
    boolean addChange(Tally now, Tally before) {
        if (before.hoursCount > 0 && !before.sameHandling(now)) {
            return false;
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] += now.counts[i] - before.counts[i];
        }
        weightedReports += now.weightedReports - before.weightedReports;
        if (before.hoursCount == 0) {
            addHandling(now.hoursCount, now.secondsSum, now.secondsMax, now.buckets);
        }
        return true;
    }

    /** The same handling times (how many, their sum, longest and buckets). */
    boolean sameHandling(Tally other) {
        return hoursCount == other.hoursCount && secondsSum == other.secondsSum && secondsMax == other.secondsMax
                && Arrays.equals(buckets, other.buckets);
    }

    /** Mean working hours from first dispatch to handled, over the cases handled in the period (exact). */
    Double meanHandlingHours() {
        if (hoursCount == 0) {
            return null;
        }
        return round2(secondsSum / 3600.0 / hoursCount);
    }

    /**
     * The 90th percentile of the same (nearest rank: the smallest time with at least 90 % of the cases at or below it), to
     * the bucket: the upper edge of the bucket that holds it, or the longest time if that is shorter.
     */
    Double p90HandlingHours() {
        if (hoursCount == 0) {
            return null;
        }
        long rank = (long) Math.ceil(0.9 * hoursCount);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += buckets[i];
            if (seen >= rank) {
                double edge = i < BUCKET_HOURS.length ? BUCKET_HOURS[i] : Double.MAX_VALUE;
                return round2(Math.min(edge, secondsMax / 3600.0));
            }
        }
        return round2(secondsMax / 3600.0);
    }

    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
