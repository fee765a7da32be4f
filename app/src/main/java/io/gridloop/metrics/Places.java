package io.gridloop.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reports as points, and which of them lie near each other: the same place for re-reports, high-frequency places and
 * repeat places. Distances are great-circle metres; a report without a point (a grid picked from the list) is no place.
 */
final class Places {

    /** A report at a point. */
    record Point(long id, String caseNumber, String subcategory, String gridCode, String address, double latitude, double longitude,
                 Instant reportedAt) {}

    private static final double EARTH_METRES = 6_371_008.8;
    private static final double METRES_PER_DEGREE = 111_320;

    private Places() {}

    static double metres(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_METRES * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    static boolean near(Point a, Point b, double metres) {
        return metres(a.latitude(), a.longitude(), b.latitude(), b.longitude()) <= metres;
    }

    /** Points of one subcategory in cells as wide as the distance asked, so that a lookup reads a few cells only. */
    static final class Index {

        private final double metres;
        private final double cellDegrees;
        private final Map<String, List<Point>> cells = new HashMap<>();

        Index(double metres) {
            this.metres = metres;
            this.cellDegrees = Math.max(metres, 1) / METRES_PER_DEGREE;
        }

        void add(Point p) {
            cells.computeIfAbsent(key(p.subcategory(), cell(p.latitude()), cell(p.longitude())), k -> new ArrayList<>()).add(p);
        }

        private long cell(double degrees) {
            return (long) Math.floor(degrees / cellDegrees);
        }

        private static String key(String subcategory, long lat, long lon) {
            return subcategory + ':' + lat + ':' + lon;
        }

        /** The points of the same subcategory within the distance of p (p itself included when added). */
        List<Point> near(Point p) {
            long lat = cell(p.latitude());
            long lon = cell(p.longitude());
            // a degree of longitude is shorter than one of latitude: look as many cells further east and west
            long lonCells = (long) Math.ceil(1 / Math.max(0.01, Math.cos(Math.toRadians(p.latitude()))));
            List<Point> out = new ArrayList<>();
            for (long a = lat - 1; a <= lat + 1; a++) {
                for (long o = lon - lonCells; o <= lon + lonCells; o++) {
                    for (Point q : cells.getOrDefault(key(p.subcategory(), a, o), List.of())) {
                        if (Places.near(p, q, metres)) {
                            out.add(q);
                        }
                    }
                }
            }
            return out;
        }
    }

    /** A place: the first report there (its anchor) and every later report of the subcategory within the distance of it. */
    record Place(Point anchor, List<Point> reports) {}

    /**
     * Groups reports into places, in the order given (oldest first): a report joins the place of its subcategory whose anchor
     * is nearest within the distance, else it starts a place of its own.
     */
    static List<Place> group(List<Point> points, double metres) {
        Index anchors = new Index(metres);
        Map<Long, Place> byAnchor = new HashMap<>();
        List<Place> places = new ArrayList<>();
        for (Point p : points) {
            Place best = null;
            double bestDistance = Double.MAX_VALUE;
            for (Point a : anchors.near(p)) {
                double d = metres(p.latitude(), p.longitude(), a.latitude(), a.longitude());
                if (d < bestDistance) {
                    bestDistance = d;
                    best = byAnchor.get(a.id());
                }
            }
            if (best == null) {
                best = new Place(p, new ArrayList<>());
                anchors.add(p);
                byAnchor.put(p.id(), best);
                places.add(best);
            }
            best.reports().add(p);
        }
        return places;
    }
}
