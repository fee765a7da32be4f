package io.gridloop.metrics;

import io.gridloop.deadline.WorkingTime;
import io.gridloop.grid.Labels;
import io.gridloop.grid.ReferenceData;
import io.gridloop.security.AccessScope;
import io.gridloop.security.EngineAuthenticationProvider;
import io.gridloop.security.Roles;
import io.gridloop.ui.Translations;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The evaluation (综合评价) of a period for one kind of unit, within what the official may see: the page, the JSON API and
 * the exports all ask this. Reads GridLoop's own tables (gl_case and the step facts), never the engine's.
 */
@Service
@Transactional(readOnly = true)
public class EvaluationService {

    public static final String TOTAL = "TOTAL";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final WorkingTime workingTime;
    private final ReferenceData reference;
    private final IdentityService identity;
    private final EvaluationWeights weights;
    private final EvaluationSettings settings;
    private final DifficultyWeights difficulty;

    public EvaluationService(JdbcClient jdbc, Clock clock, WorkingTime workingTime, ReferenceData reference, IdentityService identity,
                             EvaluationWeights weights, EvaluationSettings settings, DifficultyWeights difficulty) {
        this.difficulty = difficulty;
        this.jdbc = jdbc;
        this.clock = clock;
        this.workingTime = workingTime;
        this.reference = reference;
        this.identity = identity;
        this.weights = weights;
        this.settings = settings;
    }

    /** Reads the request's words (YYYY-MM-DD dates, a unit's name): refused with a message rather than guessed. */
    public Evaluation evaluate(String from, String to, String unit, AccessScope scope, Locale locale) {
        LocalDate f = date("from", from);
        LocalDate t = date("to", to);
        EvaluationUnit u;
        try {
            u = EvaluationUnit.valueOf(unit == null || unit.isBlank() ? "" : unit.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw EvaluationRequestException.badRequest("error.evaluation.unit", unit);
        }
        return evaluate(f, t, u, scope, locale);
    }

    static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            throw EvaluationRequestException.badRequest("error.evaluation.dateMissing", name);
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw EvaluationRequestException.badRequest("error.evaluation.date", name, value);
        }
    }

    public Evaluation evaluate(LocalDate from, LocalDate to, EvaluationUnit unit, AccessScope scope, Locale locale) {
        if (from.isAfter(to)) {
            throw EvaluationRequestException.badRequest("error.evaluation.period", from, to);
        }
        Map<String, Object> params = new HashMap<>();
        String filter = scopeFilter(scope, params);
        Instant start = from.atStartOfDay(clock.getZone()).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(clock.getZone()).toInstant();
        Instant now = clock.instant();
        CaseFigures.Period period = new CaseFigures.Period(start, end, now.isBefore(end) ? now : end);
        params.put("start", start.atOffset(java.time.ZoneOffset.UTC));
        params.put("end", end.atOffset(java.time.ZoneOffset.UTC));

        DifficultyWeights.Table difficulties = difficulty.table();
        java.util.Set<Long> reReported = reReported(start, end, filter, params);
        Map<String, Tally> byUnit = new TreeMap<>();
        Tally total = new Tally();
        var spec = jdbc.sql("""
                select c.id, c.status, c.channel, c.self_resolved, c.reported_by, c.street_code, c.community_code, c.grid_code,
                  c.subcategory_code,
                  c.department_code, c.reported_at, c.registered_at, c.closed_at,
                  f.step, f.started_at, f.due_at, f.finished_at, f.on_time, f.outcome, f.working_seconds, f.rework, f.returned
                from gl_case c left join gl_step_fact f on f.case_id = c.id
                where c.reported_at < :end and (c.closed_at is null or c.closed_at >= :start)""" + " and " + filter
                + " order by c.id, f.started_at, f.id");
        params.forEach(spec::param);
        var reader = new Object() {
            CaseFigures.CaseRow current;
            String subcategory;
            List<CaseFigures.Fact> facts = new ArrayList<>();

            void row(ResultSet rs) throws SQLException {
                long id = rs.getLong("id");
                if (current == null || current.id() != id) {
                    flush();
                    current = new CaseFigures.CaseRow(id, rs.getString("status"), rs.getString("channel"), rs.getBoolean("self_resolved"),
                            rs.getString("reported_by"), rs.getString("street_code"), rs.getString("community_code"),
                            rs.getString("grid_code"), rs.getString("department_code"), instant(rs, "reported_at"),
                            instant(rs, "registered_at"), instant(rs, "closed_at"));
                    subcategory = rs.getString("subcategory_code");
                }
                if (rs.getString("step") != null) {
                    facts.add(new CaseFigures.Fact(rs.getString("step"), instant(rs, "started_at"), instant(rs, "due_at"),
                            instant(rs, "finished_at"), (Boolean) rs.getObject("on_time", Boolean.class), rs.getString("outcome"),
                            rs.getObject("working_seconds", Long.class), rs.getBoolean("rework"), rs.getBoolean("returned")));
                }
            }

            void flush() {
                if (current != null) {
                    String key = unit.keyOf(current);
                    if (key != null) {
                        Tally t = byUnit.computeIfAbsent(key, k -> new Tally());
                        CaseFigures.count(current, facts, period, settings, workingTime, t);
                        CaseFigures.countHonest(current, subcategory, period, difficulties, reReported.contains(current.id()), t);
                    }
                }
                facts = new ArrayList<>();
            }
        };
        spec.query(rs -> {
            reader.row(rs);
        });
        reader.flush();

        for (String key : unitsInScope(unit, scope)) {
            byUnit.computeIfAbsent(key, k -> new Tally());
        }
        Map<Indicator, Double> w = weights.of(unit);
        List<Evaluation.Row> rows = new ArrayList<>();
        byUnit.forEach((key, tally) -> {
            rows.add(row(key, name(unit, key, locale), tally, w));
            total.addAll(tally);
        });
        return new Evaluation(from, to, unit, rows, row(TOTAL, Translations.translate("evaluation.total", locale), total, w));
    }

    /**
     * The self-resolved cases registered in the period (within the scope) that a later report re-reported: the same
     * subcategory, within {@link EvaluationSettings#reReportMeters()} of it, reported after it and within
     * {@link EvaluationSettings#reReportDays()} days of its report, from any channel and whoever sees that report.
     */
    java.util.Set<Long> reReported(Instant start, Instant end, String filter, Map<String, Object> scopeParams) {
        var self = jdbc.sql("""
                select c.id, c.case_number, c.subcategory_code, c.grid_code, c.address, c.latitude, c.longitude, c.reported_at
                from gl_case c where c.self_resolved = true and c.registered_at >= :start and c.registered_at < :end
                and c.latitude is not null and c.longitude is not null and""" + " " + filter);
        scopeParams.forEach(self::param);
        List<Places.Point> resolved = self.query(EvaluationService::point).list();
        if (resolved.isEmpty()) {
            return java.util.Set.of();
        }
        java.time.Duration window = java.time.Duration.ofDays(settings.reReportDays());
        Instant first = resolved.stream().map(Places.Point::reportedAt).min(Instant::compareTo).orElseThrow();
        Instant last = resolved.stream().map(Places.Point::reportedAt).max(Instant::compareTo).orElseThrow().plus(window);
        Places.Index later = new Places.Index(settings.reReportMeters());
        jdbc.sql("""
                select c.id, c.case_number, c.subcategory_code, c.grid_code, c.address, c.latitude, c.longitude, c.reported_at
                from gl_case c where c.reported_at > :first and c.reported_at <= :last and c.subcategory_code in (:subcategories)
                and c.latitude is not null and c.longitude is not null""")
                .param("first", first.atOffset(java.time.ZoneOffset.UTC)).param("last", last.atOffset(java.time.ZoneOffset.UTC))
                .param("subcategories", resolved.stream().map(Places.Point::subcategory).distinct().toList())
                .query(EvaluationService::point).list().forEach(later::add);
        java.util.Set<Long> out = new java.util.HashSet<>();
        for (Places.Point p : resolved) {
            if (later.near(p).stream().anyMatch(q -> q.id() != p.id() && q.reportedAt().isAfter(p.reportedAt())
                    && !q.reportedAt().isAfter(p.reportedAt().plus(window)))) {
                out.add(p.id());
            }
        }
        return out;
    }

    static Places.Point point(ResultSet rs, int n) throws SQLException {
        return new Places.Point(rs.getLong("id"), rs.getString("case_number"), rs.getString("subcategory_code"), rs.getString("grid_code"),
                rs.getString("address"), rs.getDouble("latitude"), rs.getDouble("longitude"), instant(rs, "reported_at"));
    }

    private Evaluation.Row row(String key, String name, Tally tally, Map<Indicator, Double> w) {
        Map<Indicator, Number> figures = new EnumMap<>(Indicator.class);
        Map<Indicator, Double> rates = new EnumMap<>(Indicator.class);
        for (Indicator i : Indicator.values()) {
            switch (i.kind()) {
                case COUNT -> figures.put(i, tally.get(i));
                case RATE, HOURS, WEIGHTED -> {
                    Double v = i.compute(tally, settings);
                    figures.put(i, v);
                    rates.put(i, v);
                }
                case SCORE -> { }
            }
        }
        figures.put(Indicator.SCORE, EvaluationWeights.score(w, rates));
        return new Evaluation.Row(key, name, figures);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /**
     * Who sees which figures, from {@link AccessScope}: district roles the whole district; a street's officials and
     * supervisors the cases of their streets; a department's handlers the cases their department leads; a grid worker
     * the cases they reported. Nobody else has figures to see.
     */
    static String scopeFilter(AccessScope scope, Map<String, Object> params) {
        if (scope.district()) {
            return "1 = 1";
        }
        List<String> any = new ArrayList<>();
        if (!scope.streets().isEmpty()) {
            params.put("scopeStreets", List.copyOf(scope.streets()));
            any.add("c.street_code in (:scopeStreets)");
        }
        if (!scope.departments().isEmpty()) {
            params.put("scopeDepartments", List.copyOf(scope.departments()));
            any.add("c.department_code in (:scopeDepartments)");
        }
        if (scope.groups().contains(Roles.GRID_WORKER)) {
            params.put("scopeUser", scope.userId());
            any.add("(c.channel = 'GRID_WORKER' and c.reported_by = :scopeUser)");
        }
        if (any.isEmpty()) {
            throw new EvaluationRequestException(403, "error.evaluation.scope");
        }
        return "(" + String.join(" or ", any) + ")";
    }

    /** The units a row is shown for even without a case: the district's all, or those of the official's streets/departments. */
    private List<String> unitsInScope(EvaluationUnit unit, AccessScope scope) {
        boolean all = scope.district();
        return switch (unit) {
            case DISTRICT -> List.of(EvaluationUnit.DISTRICT.name());
            case STREET -> reference.streets().stream().map(s -> s.code()).filter(c -> all || scope.streets().contains(c)).toList();
            case COMMUNITY -> reference.communities().stream().filter(c -> all || scope.streets().contains(c.streetCode()))
                    .map(c -> c.code()).toList();
            case GRID -> reference.grids().stream().filter(g -> all || scope.streets().contains(g.streetCode())).map(g -> g.code()).toList();
            case DEPARTMENT -> reference.departments().stream().map(d -> d.code())
                    .filter(c -> all || scope.departments().contains(c)).toList();
            case GRID_WORKER -> List.of();
        };
    }

    private String name(EvaluationUnit unit, String key, Locale locale) {
        return switch (unit) {
            case DISTRICT -> reference.districtName();
            case STREET -> reference.street(key).map(s -> Labels.pick(locale, s.name(), s.nameEn())).orElse(key);
            case COMMUNITY -> reference.community(key).map(s -> Labels.pick(locale, s.name(), s.nameEn())).orElse(key);
            case GRID -> reference.grid(key).map(s -> Labels.pick(locale, s.name(), s.nameEn())).orElse(key);
            case DEPARTMENT -> reference.department(key).map(s -> Labels.pick(locale, s.name(), s.nameEn())).orElse(key);
            case GRID_WORKER -> EngineAuthenticationProvider.displayName(identity, key);
        };
    }
}
