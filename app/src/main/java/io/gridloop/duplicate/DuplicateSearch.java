package io.gridloop.duplicate;

import io.gridloop.casefile.CaseFileService;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.grid.GeoCell;
import io.gridloop.security.AccessScope;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.text.similarity.CosineSimilarity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds the open cases a report likely repeats (重复案件): of the same subcategory or a related one (the same category),
 * within {@link DuplicateSettings#radiusMetres()} of its point and reported within {@link DuplicateSettings#window()}
 * before it, ranked by how alike the descriptions are (Apache Commons Text's cosine similarity over character pairs, which
 * works for Chinese without a word splitter) and then by distance. The cells of gl_case.geo_cell (V21) find the
 * candidates through one index; the exact distance decides.
 */
@Service
@Transactional(readOnly = true)
public class DuplicateSearch {

    private static final CosineSimilarity COSINE = new CosineSimilarity();

    private final JdbcClient jdbc;
    private final CaseFileService cases;
    private final DuplicateSettings settings;
    private final Clock clock;

    public DuplicateSearch(JdbcClient jdbc, CaseFileService cases, DuplicateSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.settings = settings;
        this.clock = clock;
    }

    public DuplicateSettings settings() {
        return settings;
    }

    /** The likely duplicates of a case that the official may see, best first; none for a case without a point. */
    public List<Duplicate> of(CaseRecord report, AccessScope scope) {
        if (report.longitude() == null || report.latitude() == null) {
            return List.of();
        }
        return candidates(report.categoryCode(), report.longitude(), report.latitude(), report.reportedAt(), report.id()).stream()
                .filter(c -> sees(scope, c))
                .map(c -> new Duplicate(c, metres(report, c), similarity(report.description(), c.description())))
                .sorted(Comparator.comparingDouble(Duplicate::similarity).reversed().thenComparingDouble(Duplicate::metres))
                .limit(settings.limit())
                .toList();
    }

    /**
     * The open case a public report (a citizen's, an Open311 client's) repeats: the same subcategory, within the distance and
     * the time window, the nearest first. Not scoped: the public door decides by the place and the kind alone.
     */
    public Optional<CaseRecord> sameKindNear(String subcategoryCode, String categoryCode, double longitude, double latitude,
                                             long excludeCaseId) {
        return candidates(categoryCode, longitude, latitude, OffsetDateTime.now(clock), excludeCaseId).stream()
                .filter(c -> c.subcategoryCode().equals(subcategoryCode))
                .min(Comparator.comparingDouble(c -> GeoCell.metres(longitude, latitude, c.longitude(), c.latitude())));
    }

    /** Open cases of any kind near a point that the official may see, the nearest first: what the hotline checks first. */
    public List<Duplicate> openNear(double longitude, double latitude, String description, AccessScope scope) {
        return near(null, longitude, latitude, null, -1).stream()
                .filter(c -> sees(scope, c))
                .map(c -> new Duplicate(c, GeoCell.metres(longitude, latitude, c.longitude(), c.latitude()),
                        similarity(description, c.description())))
                .sorted(Comparator.comparingDouble(Duplicate::metres))
                .limit(settings.limit())
                .toList();
    }

    private List<CaseRecord> candidates(String categoryCode, double longitude, double latitude, OffsetDateTime reportedAt,
                                        long excludeCaseId) {
        OffsetDateTime at = reportedAt == null ? OffsetDateTime.now(clock) : reportedAt;
        return near(categoryCode, longitude, latitude, at.minus(settings.window()), excludeCaseId);
    }

    /** Open cases within the radius (of the category, since a moment, when given). */
    private List<CaseRecord> near(String categoryCode, double longitude, double latitude, OffsetDateTime since, long excludeCaseId) {
        Map<String, Object> p = new HashMap<>();
        List<String> rows = new ArrayList<>();
        int i = 0;
        for (GeoCell.Range r : GeoCell.around(longitude, latitude, settings.radiusMetres())) {
            rows.add("geo_cell between :from" + i + " and :to" + i);
            p.put("from" + i, r.from());
            p.put("to" + i, r.to());
            i++;
        }
        StringBuilder sql = new StringBuilder("select id, longitude, latitude from gl_case where (")
                .append(String.join(" or ", rows)).append(") and closed_at is null and id <> :self");
        p.put("self", excludeCaseId);
        if (categoryCode != null) {
            sql.append(" and category_code = :category");
            p.put("category", categoryCode);
        }
        if (since != null) {
            sql.append(" and reported_at >= :since");
            p.put("since", since);
        }
        var spec = jdbc.sql(sql.toString());
        p.forEach(spec::param);
        double radius = settings.radiusMetres();
        // the cells are a square around the circle: the exact distance decides, then the whole rows are read at once
        List<Long> within = spec.query((rs, n) -> new double[] {rs.getLong(1), rs.getDouble(2), rs.getDouble(3)}).list().stream()
                .filter(row -> GeoCell.metres(longitude, latitude, row[1], row[2]) <= radius)
                .map(row -> (long) row[0])
                .toList();
        return cases.getAll(within);
    }

    private static boolean sees(AccessScope scope, CaseRecord c) {
        return scope.seesCase(c.streetCode(), c.gridCode(), c.departmentCode(), c.coDepartments(), c.reportedBy());
    }

    private static double metres(CaseRecord a, CaseRecord b) {
        return GeoCell.metres(a.longitude(), a.latitude(), b.longitude(), b.latitude());
    }

    /** How alike two descriptions are, 0 to 1: the cosine of their character-pair counts (spaces and punctuation left out). */
    public static double similarity(String a, String b) {
        Map<CharSequence, Integer> va = pairs(a);
        Map<CharSequence, Integer> vb = pairs(b);
        if (va.isEmpty() || vb.isEmpty()) {
            return 0;
        }
        return COSINE.cosineSimilarity(va, vb);
    }

    private static Map<CharSequence, Integer> pairs(String text) {
        Map<CharSequence, Integer> counts = new HashMap<>();
        if (text == null) {
            return counts;
        }
        int[] cps = text.toLowerCase(java.util.Locale.ROOT).codePoints().filter(Character::isLetterOrDigit).toArray();
        if (cps.length == 1) {
            counts.put(new String(cps, 0, 1), 1);
        }
        for (int k = 0; k + 1 < cps.length; k++) {
            counts.merge(new String(cps, k, 2), 1, Integer::sum);
        }
        return counts;
    }
}
