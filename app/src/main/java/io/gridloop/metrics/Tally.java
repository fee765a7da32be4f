package io.gridloop.metrics;

import java.util.Arrays;

/** The counts of one unit (or of the total) while the cases are read, and the handling times for their mean and p90. */
final class Tally {

    private final long[] counts = new long[Indicator.values().length];
    private double[] hours = new double[16];
    private int hoursCount;
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

    void addHandlingHours(double h) {
        if (hoursCount == hours.length) {
            hours = Arrays.copyOf(hours, hours.length * 2);
        }
        hours[hoursCount++] = h;
    }

    void addAll(Tally other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        weightedReports += other.weightedReports;
        for (int i = 0; i < other.hoursCount; i++) {
            addHandlingHours(other.hours[i]);
        }
    }

    /** Mean working hours from first dispatch to handled, over the cases handled in the period. */
    Double meanHandlingHours() {
        if (hoursCount == 0) {
            return null;
        }
        double sum = 0;
        for (int i = 0; i < hoursCount; i++) {
            sum += hours[i];
        }
        return round2(sum / hoursCount);
    }

    /** The 90th percentile of the same (nearest rank: the smallest value with at least 90 % of the cases at or below it). */
    Double p90HandlingHours() {
        if (hoursCount == 0) {
            return null;
        }
        double[] sorted = Arrays.copyOf(hours, hoursCount);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(0.9 * hoursCount);
        return round2(sorted[Math.max(0, rank - 1)]);
    }

    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
