package io.gridloop.grid;

import java.util.ArrayList;
import java.util.List;

/**
 * A point's cell for the duplicate search's index (gl_case.geo_cell, V21): 0.001° of latitude by 0.001° of longitude,
 * numbered row by row, so the cells of one row around a point are one range of numbers. The migration computes the same
 * number in SQL for the cases it found.
 */
public final class GeoCell {

    static final double CELLS_PER_DEGREE = 1000;
    private static final long ROW = 1_000_000L;
    private static final double METRES_PER_DEGREE = 111_320;

    private GeoCell() {}

    /** The cell of a point, or null without one. */
    public static Long of(Double longitude, Double latitude) {
        if (longitude == null || latitude == null || !Double.isFinite(longitude) || !Double.isFinite(latitude)) {
            return null;
        }
        return row(latitude) * ROW + column(longitude);
    }

    private static long row(double latitude) {
        return (long) Math.floor(latitude * CELLS_PER_DEGREE) + 90_000;
    }

    private static long column(double longitude) {
        return (long) Math.floor(longitude * CELLS_PER_DEGREE) + 180_000;
    }

    /** A range of cell numbers, both ends included. */
    public record Range(long from, long to) {}

    /** The cells that hold every point within {@code metres} of the point: one range per row of cells. */
    public static List<Range> around(double longitude, double latitude, double metres) {
        double dLat = metres / METRES_PER_DEGREE;
        double dLng = metres / (METRES_PER_DEGREE * Math.max(0.01, Math.cos(Math.toRadians(latitude))));
        long west = column(longitude - dLng);
        long east = column(longitude + dLng);
        List<Range> ranges = new ArrayList<>();
        for (long r = row(latitude - dLat); r <= row(latitude + dLat); r++) {
            ranges.add(new Range(r * ROW + west, r * ROW + east));
        }
        return ranges;
    }

    /** Metres between two points on the sphere (haversine): exact enough at a district's scale. */
    public static double metres(double lng1, double lat1, double lng2, double lat2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lng2 - lng1);
        double a = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
