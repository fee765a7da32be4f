package io.gridloop.benchmark;

import io.gridloop.casefile.CaseFileService;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.duplicate.Duplicate;
import io.gridloop.duplicate.DuplicateSearch;
import io.gridloop.duplicate.DuplicateSettings;
import io.gridloop.grid.Category;
import io.gridloop.grid.GeoCell;
import io.gridloop.grid.ReferenceData;
import io.gridloop.security.AccessScope;
import io.gridloop.support.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The duplicate search at N open cases (not a test): the district filled with N open cases at random points, subcategories
 * and days of the last 30, then the likely duplicates of random cases looked up by {@link DuplicateSearch} (the cells of
 * gl_case.geo_cell, one B-tree range per row of cells) beside the straightforward scan (every open case of the category in
 * the window, the distance computed for each row) in the same run, sampled in turn; both must find the same cases. Run
 * with {@code ./mvnw -B -pl app -Pbench verify -Dbench.main=io.gridloop.benchmark.DuplicateBenchmark} (200,000 open cases;
 * {@code -Dbench.duplicates=N} when the class is run on its own).
 */
public final class DuplicateBenchmark {

    private static final int N = Integer.getInteger("bench.duplicates", 200_000);
    private static final int SAMPLES = Integer.getInteger("bench.samples", 300);
    private static final String[] TEXTS = {"路边垃圾堆放无人清运", "井盖缺失有坠落危险", "路灯不亮夜间很黑", "电线杆上小广告", "行道树倾斜",
        "路面坑洼积水", "护栏倒伏", "共享单车乱停放", "占道经营", "噪音扰民"};

    private DuplicateBenchmark() {}

    public static void main(String[] args) throws Exception {
        StringBuilder out = new StringBuilder();
        try (PostgresServer pg = PostgresServer.start()) {
            ConfigurableApplicationContext app = BenchmarkApp.start(pg, Map.of("camunda.bpm.job-execution.enabled", "false"));
            try {
                ReferenceData reference = app.getBean(ReferenceData.class);
                JdbcClient jdbc = app.getBean(JdbcClient.class);
                DuplicateSearch search = app.getBean(DuplicateSearch.class);
                CaseFileService cases = app.getBean(CaseFileService.class);
                DuplicateSettings settings = search.settings();
                long fillStart = System.nanoTime();
                fill(app.getBean(DataSource.class), reference);
                double fill = (System.nanoTime() - fillStart) / 1e9;
                jdbc.sql("vacuum analyze gl_case").update();

                AccessScope district = AccessScope.of("bench", List.of("supervisor"), Set.of());
                Random random = new Random(42);
                long maxId = jdbc.sql("select max(id) from gl_case").query(Long.class).single();
                double[] indexed = new double[SAMPLES];
                double[] scanned = new double[SAMPLES];
                long found = 0;
                for (int i = -50; i < SAMPLES; i++) {
                    CaseRecord report = cases.get(1 + (long) random.nextInt((int) maxId));
                    long t0 = System.nanoTime();
                    List<Duplicate> byCells = search.of(report, district);
                    long t1 = System.nanoTime();
                    List<Long> byScan = scan(jdbc, report, settings);
                    long t2 = System.nanoTime();
                    Set<Long> a = new TreeSet<>(byCells.stream().map(d -> d.openCase().id()).toList());
                    Set<Long> b = new TreeSet<>(byScan);
                    // the search shows the best few; every one it shows is one the scan finds, and it misses none when fewer
                    if (!b.containsAll(a) || (b.size() <= settings.limit() && !a.equals(b))) {
                        throw new IllegalStateException("the two searches disagree for case " + report.id() + ": " + a + " vs " + b);
                    }
                    if (i >= 0) {
                        indexed[i] = (t1 - t0) / 1e6;
                        scanned[i] = (t2 - t1) / 1e6;
                        found += b.size();
                    }
                }
                out.append("# GridLoop duplicate search, ").append(LocalDateTime.now().withNano(0)).append("\n\n");
                out.append("PostgreSQL (%s), %d cores, Java %s; %,d open cases filled in %.0f s; %d lookups (after 50 to warm up), "
                        .formatted(pg.kind(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), N, fill,
                                SAMPLES))
                        .append("radius %.0f m, window %s; on average %.1f open cases of the category within reach%n%n"
                                .formatted(settings.radiusMetres(), settings.window(), found / (double) SAMPLES));
                out.append("| open cases | search | p50 | p95 | max |\n|---|---|---|---|---|\n");
                out.append(row("DuplicateSearch (geo_cell ranges, B-tree; whole rows read, texts ranked)", indexed));
                out.append(row("straightforward scan (distance computed for every open case of the category in the window; ids only)",
                        scanned));
                out.append("%np95 ratio: %.1f×%n".formatted(pct(scanned, 95) / pct(indexed, 95)));
            } finally {
                app.close();
            }
        }
        System.out.println(out);
        Path file = Path.of("target", "benchmark", "duplicates.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, out.toString());
        System.out.println("written to " + file.toAbsolutePath());
    }

    private static String row(String what, double[] ms) {
        return "| %,d | %s | %.2f ms | %.2f ms | %.2f ms |%n".formatted(N, what, pct(ms, 50), pct(ms, 95), Arrays.stream(ms).max()
                .orElse(0));
    }

    private static double pct(double[] ms, int p) {
        double[] s = ms.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
    }

    /** The scan a first version would write: the distance (haversine, in SQL) of every open case of the category in the window. */
    private static List<Long> scan(JdbcClient jdbc, CaseRecord report, DuplicateSettings settings) {
        return jdbc.sql("""
                select id from gl_case where closed_at is null and category_code = :category and reported_at >= :since and id <> :self
                  and 2 * 6371008.8 * asin(least(1, sqrt(power(sin(radians(latitude - :lat) / 2), 2)
                    + cos(radians(:lat)) * cos(radians(latitude)) * power(sin(radians(longitude - :lng) / 2), 2)))) <= :radius""")
                .param("category", report.categoryCode())
                .param("since", report.reportedAt().minus(settings.window()))
                .param("self", report.id())
                .param("lat", report.latitude())
                .param("lng", report.longitude())
                .param("radius", settings.radiusMetres())
                .query(Long.class).list();
    }

    /** N open cases at random points of the district's extent, of random subcategories, reported over the last 30 days. */
    private static void fill(DataSource ds, ReferenceData reference) throws Exception {
        List<Category> subs = new ArrayList<>();
        reference.categories().forEach(c -> subs.addAll(c.subcategories()));
        List<io.gridloop.grid.GridCell> grids = List.copyOf(reference.grids());
        Random random = new Random(7);
        Instant now = Instant.now();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into gl_case (case_number, tracking_code, status, channel, urgency, category_code, subcategory_code, kind,
                      grid_code, community_code, street_code, description, longitude, latitude, reported_by, reported_at, updated_at, geo_cell)
                    values (?, ?, 'HANDLING', 'CITIZEN', 'NORMAL', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'bench', ?, ?, ?)""")) {
                for (int i = 0; i < N; i++) {
                    Category s = subs.get(random.nextInt(subs.size()));
                    double lng = 116.34 + random.nextDouble() * 0.045;
                    double lat = 39.90 + random.nextDouble() * 0.06;
                    io.gridloop.grid.GridCell g = reference.locate(lng, lat).orElse(grids.get(random.nextInt(grids.size())));
                    Timestamp at = Timestamp.from(now.minusSeconds((long) (random.nextDouble() * 30 * 86400)));
                    ps.setString(1, "2026-B%07d".formatted(i));
                    ps.setString(2, "BENCH%07d".formatted(i));
                    ps.setString(3, s.parentCode());
                    ps.setString(4, s.code());
                    ps.setString(5, s.kind() == null ? "EVENT" : s.kind().name());
                    ps.setString(6, g.code());
                    ps.setString(7, g.communityCode());
                    ps.setString(8, g.streetCode());
                    ps.setString(9, TEXTS[random.nextInt(TEXTS.length)] + " #" + i);
                    ps.setDouble(10, lng);
                    ps.setDouble(11, lat);
                    ps.setTimestamp(12, at);
                    ps.setObject(13, OffsetDateTime.now());
                    ps.setLong(14, GeoCell.of(lng, lat));
                    ps.addBatch();
                    if (i % 2000 == 1999) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            c.commit();
        }
    }
}
