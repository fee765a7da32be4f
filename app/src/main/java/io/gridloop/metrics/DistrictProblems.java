package io.gridloop.metrics;

import io.gridloop.casefile.Channel;
import io.gridloop.grid.Labels;
import io.gridloop.grid.ReferenceData;
import io.gridloop.security.AccessScope;
import io.gridloop.security.EngineAuthenticationProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The district's problems in a period, beside the evaluation: blind spots (盲区), high-frequency subcategories and places
 * (每月一题) with their change from the previous period, and repeat places; within what the official may see (the
 * evaluation's scope). Every rule is said in words in messages*.properties ({@link ProblemTable}).
 */
@Service
@Transactional(readOnly = true)
public class DistrictProblems {

    /** Per grid, a subcategory the public (citizens, hotline) reported in the period and its grid workers never did. */
    public record BlindSpot(String grid, String gridName, String gridWorkers, String subcategory, String subcategoryName,
                            long publicReports, double difficultyWeight) {}

    /** A subcategory by how often it was reported, and how often in the previous period. */
    public record FrequentSubcategory(int rank, String subcategory, String subcategoryName, long reports, long previousReports,
                                      long change) {}

    /** A place where a subcategory came back: its first report in the period, the reports near it now and before. */
    public record FrequentPlace(int rank, String subcategory, String subcategoryName, String grid, String gridName, String address,
                                double latitude, double longitude, long reports, long previousReports, long change,
                                List<String> cases) {}

    /** A place where a subcategory was reported at least n times within the window (repeat place). */
    public record RepeatPlace(String subcategory, String subcategoryName, String grid, String gridName, String address, double latitude,
                              double longitude, int times, LocalDate firstReported, LocalDate lastReported, List<String> cases) {}

    public record Problems(LocalDate from, LocalDate to, LocalDate previousFrom, LocalDate previousTo, List<BlindSpot> blindSpots,
                           List<FrequentSubcategory> frequentSubcategories, List<FrequentPlace> frequentPlaces,
                           List<RepeatPlace> repeatPlaces) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ReferenceData reference;
    private final IdentityService identity;
    private final DifficultyWeights difficulty;
    private final EvaluationSettings settings;

    public DistrictProblems(JdbcClient jdbc, Clock clock, ReferenceData reference, IdentityService identity, DifficultyWeights difficulty,
                            EvaluationSettings settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.reference = reference;
        this.identity = identity;
        this.difficulty = difficulty;
        this.settings = settings;
    }

    /** Reads the request's words like the evaluation does: refused with a message rather than guessed. */
    public Problems problems(String from, String to, AccessScope scope, Locale locale) {
        LocalDate f = EvaluationService.date("from", from);
        LocalDate t = EvaluationService.date("to", to);
        return problems(f, t, scope, locale);
    }

    public Problems problems(LocalDate from, LocalDate to, AccessScope scope, Locale locale) {
        if (from.isAfter(to)) {
            throw EvaluationRequestException.badRequest("error.evaluation.period", from, to);
        }
        LocalDate[] previous = EvaluationRankings.previousPeriod(from, to);
        Map<String, Object> params = new HashMap<>();
        String filter = EvaluationService.scopeFilter(scope, params);
        Instant start = startOf(from);
        Instant end = startOf(to.plusDays(1));
        Instant previousStart = startOf(previous[0]);
        return new Problems(from, to, previous[0], previous[1], blindSpots(start, end, filter, params, locale),
                frequentSubcategories(start, end, previousStart, filter, params, locale),
                frequentPlaces(start, end, previousStart, filter, params, locale),
                repeatPlaces(start, end, filter, params, locale));
    }

    private Instant startOf(LocalDate day) {
        return day.atStartOfDay(clock.getZone()).toInstant();
    }

    private List<BlindSpot> blindSpots(Instant start, Instant end, String filter, Map<String, Object> params, Locale locale) {
        var spec = jdbc.sql("""
                select c.grid_code, c.subcategory_code, c.channel, count(*) as n from gl_case c
                where c.reported_at >= :start and c.reported_at < :end and""" + " " + filter + " group by c.grid_code, c.subcategory_code, c.channel")
                .param("start", start.atOffset(ZoneOffset.UTC)).param("end", end.atOffset(ZoneOffset.UTC));
        params.forEach(spec::param);
        // grid → subcategory → [public reports, grid worker reports]
        Map<String, Map<String, long[]>> counts = new TreeMap<>();
        spec.query(rs -> {
            long[] c = counts.computeIfAbsent(rs.getString("grid_code"), g -> new TreeMap<>())
                    .computeIfAbsent(rs.getString("subcategory_code"), s -> new long[2]);
            c[Channel.GRID_WORKER.name().equals(rs.getString("channel")) ? 1 : 0] += rs.getLong("n");
        });
        DifficultyWeights.Table weights = difficulty.table();
        List<BlindSpot> out = new ArrayList<>();
        counts.forEach((grid, bySubcategory) -> bySubcategory.forEach((sub, c) -> {
            if (c[0] > 0 && c[1] == 0) {
                out.add(new BlindSpot(grid, gridName(grid, locale), gridWorkers(grid), sub, subcategoryName(sub, locale), c[0],
                        weights.weight(sub)));
            }
        }));
        // the hardest and most reported first within each grid: what the grid worker should have seen
        out.sort(Comparator.comparing(BlindSpot::grid).thenComparing(Comparator.comparingDouble(BlindSpot::difficultyWeight).reversed())
                .thenComparing(Comparator.comparingLong(BlindSpot::publicReports).reversed()).thenComparing(BlindSpot::subcategory));
        return out;
    }

    private List<FrequentSubcategory> frequentSubcategories(Instant start, Instant end, Instant previousStart, String filter,
                                                            Map<String, Object> params, Locale locale) {
        var spec = jdbc.sql("""
                select c.subcategory_code, sum(case when c.reported_at >= :start then 1 else 0 end) as now_n,
                  sum(case when c.reported_at < :start then 1 else 0 end) as before_n
                from gl_case c where c.reported_at >= :previousStart and c.reported_at < :end and""" + " " + filter + " group by c.subcategory_code")
                .param("start", start.atOffset(ZoneOffset.UTC)).param("end", end.atOffset(ZoneOffset.UTC))
                .param("previousStart", previousStart.atOffset(ZoneOffset.UTC));
        params.forEach(spec::param);
        record Count(String subcategory, long now, long before) {}
        List<Count> counts = new ArrayList<>(spec.query((rs, n) -> new Count(rs.getString(1), rs.getLong(2), rs.getLong(3))).list()
                .stream().filter(c -> c.now() > 0).toList());
        counts.sort(Comparator.comparingLong(Count::now).reversed().thenComparing(Count::subcategory));
        List<FrequentSubcategory> out = new ArrayList<>();
        for (Count c : counts.subList(0, Math.min(settings.frequentTop(), counts.size()))) {
            out.add(new FrequentSubcategory(out.size() + 1, c.subcategory(), subcategoryName(c.subcategory(), locale), c.now(), c.before(),
                    c.now() - c.before()));
        }
        return out;
    }

    private List<Places.Point> points(Instant from, Instant end, String filter, Map<String, Object> params) {
        var spec = jdbc.sql("""
                select c.id, c.case_number, c.subcategory_code, c.grid_code, c.address, c.latitude, c.longitude, c.reported_at
                from gl_case c where c.reported_at >= :from and c.reported_at < :end
                and c.latitude is not null and c.longitude is not null and""" + " " + filter + " order by c.reported_at, c.id")
                .param("from", from.atOffset(ZoneOffset.UTC)).param("end", end.atOffset(ZoneOffset.UTC));
        params.forEach(spec::param);
        return spec.query(EvaluationService::point).list();
    }

    private List<FrequentPlace> frequentPlaces(Instant start, Instant end, Instant previousStart, String filter, Map<String, Object> params,
                                               Locale locale) {
        List<Places.Point> all = points(previousStart, end, filter, params);
        List<Places.Point> now = all.stream().filter(p -> !p.reportedAt().isBefore(start)).toList();
        Places.Index before = new Places.Index(settings.repeatMeters());
        all.stream().filter(p -> p.reportedAt().isBefore(start)).forEach(before::add);
        List<Places.Place> places = new ArrayList<>(Places.group(now, settings.repeatMeters()).stream()
                .filter(p -> p.reports().size() >= 2).toList());
        places.sort(Comparator.comparingInt((Places.Place p) -> p.reports().size()).reversed()
                .thenComparing(p -> p.anchor().reportedAt()));
        List<FrequentPlace> out = new ArrayList<>();
        for (Places.Place p : places.subList(0, Math.min(settings.frequentTop(), places.size()))) {
            Places.Point a = p.anchor();
            long previous = before.near(a).size();
            out.add(new FrequentPlace(out.size() + 1, a.subcategory(), subcategoryName(a.subcategory(), locale), a.gridCode(),
                    gridName(a.gridCode(), locale), a.address(), a.latitude(), a.longitude(), p.reports().size(), previous,
                    p.reports().size() - previous, p.reports().stream().map(Places.Point::caseNumber).toList()));
        }
        return out;
    }

    private List<RepeatPlace> repeatPlaces(Instant start, Instant end, String filter, Map<String, Object> params, Locale locale) {
        Duration window = Duration.ofDays(settings.repeatDays());
        List<Places.Point> all = points(start.minus(window), end, filter, params);
        Places.Index index = new Places.Index(settings.repeatMeters());
        all.forEach(index::add);
        // a report in the period is a repeat when, with it, n reports of its subcategory lie near it within the window before it
        Map<Long, List<Places.Point>> windowOf = new HashMap<>();
        List<Places.Point> repeats = new ArrayList<>();
        for (Places.Point p : all) {
            if (p.reportedAt().isBefore(start)) {
                continue;
            }
            List<Places.Point> near = index.near(p).stream()
                    .filter(q -> !q.reportedAt().isAfter(p.reportedAt()) && q.reportedAt().isAfter(p.reportedAt().minus(window)))
                    .sorted(Comparator.comparing(Places.Point::reportedAt).thenComparingLong(Places.Point::id)).toList();
            if (near.size() >= settings.repeatTimes()) {
                repeats.add(p);
                windowOf.put(p.id(), near);
            }
        }
        List<RepeatPlace> out = new ArrayList<>();
        for (Places.Place place : Places.group(repeats, settings.repeatMeters())) {
            // the place's reports: every report of each repeat's window, once, oldest first
            Map<Long, Places.Point> reports = new TreeMap<>();
            int times = 0;
            for (Places.Point r : place.reports()) {
                windowOf.get(r.id()).forEach(q -> reports.put(q.id(), q));
                times = Math.max(times, windowOf.get(r.id()).size());
            }
            List<Places.Point> sorted = reports.values().stream().sorted(Comparator.comparing(Places.Point::reportedAt)).toList();
            Places.Point a = sorted.get(0);
            out.add(new RepeatPlace(a.subcategory(), subcategoryName(a.subcategory(), locale), a.gridCode(), gridName(a.gridCode(), locale),
                    a.address(), a.latitude(), a.longitude(), times, day(a.reportedAt()), day(sorted.get(sorted.size() - 1).reportedAt()),
                    sorted.stream().map(Places.Point::caseNumber).toList()));
        }
        out.sort(Comparator.comparingInt(RepeatPlace::times).reversed().thenComparing(RepeatPlace::firstReported));
        return out;
    }

    private LocalDate day(Instant t) {
        return t.atZone(clock.getZone()).toLocalDate();
    }

    private String gridName(String code, Locale locale) {
        return reference.grid(code).map(g -> Labels.pick(locale, g.name(), g.nameEn())).orElse(code);
    }

    private String subcategoryName(String code, Locale locale) {
        return reference.subcategory(code).map(c -> Labels.pick(locale, c.name(), c.nameEn())).orElse(code);
    }

    private String gridWorkers(String grid) {
        return reference.gridWorkersOf(grid).stream().map(u -> EngineAuthenticationProvider.displayName(identity, u))
                .collect(Collectors.joining("、"));
    }
}
