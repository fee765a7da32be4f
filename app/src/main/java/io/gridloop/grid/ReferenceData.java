package io.gridloop.grid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The district as configured in {@code config/}: streets, communities, grids (GeoJSON polygons), departments and the
 * category catalogue. Loaded at start-up and written to GridLoop's tables idempotently, so that a district replaces the
 * files and restarts.
 */
@Service
public class ReferenceData {

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    private final ResourceLoader resources;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final String location;

    private final Map<String, Street> streets = new LinkedHashMap<>();
    private final Map<String, Community> communities = new LinkedHashMap<>();
    private final Map<String, GridCell> grids = new LinkedHashMap<>();
    private final Map<String, Department> departments = new LinkedHashMap<>();
    private final Map<String, Category> categories = new LinkedHashMap<>();
    private final Map<String, Category> subcategories = new LinkedHashMap<>();
    private final STRtree gridIndex = new STRtree();
    private final List<IndexedGrid> indexed = new ArrayList<>();
    private String districtName = "";

    private final Map<String, SortedSet<String>> gridsOfWorker = new HashMap<>();
    private String gridsGeoJson = "{}";

    public ReferenceData(ResourceLoader resources, JdbcClient jdbc, ObjectMapper json,
                         io.gridloop.system.GridLoopSettings settings) {
        this.resources = resources;
        this.jdbc = jdbc;
        this.json = json;
        this.location = settings.referenceData();
    }

    @jakarta.annotation.PostConstruct
    public void load() throws IOException {
        loadGrids(read("grids.geojson"));
        loadDepartments(read("departments.json"));
        loadCategories(read("categories.json"));
        gridIndex.build();
        store();
    }

    private JsonNode read(String file) throws IOException {
        Resource resource = resources.getResource(location + file);
        try (InputStream in = resource.getInputStream()) {
            return json.readTree(in);
        }
    }

    private void loadGrids(JsonNode root) {
        districtName = root.path("district").path("name").asText("");
        // the map's copy: the polygons and names, not who works which grid
        JsonNode forMap = root.deepCopy();
        forMap.path("features").forEach(f -> ((ObjectNode) f.path("properties")).remove("gridWorkers"));
        gridsGeoJson = forMap.toString();
        for (JsonNode feature : root.path("features")) {
            JsonNode p = feature.path("properties");
            Street street = new Street(p.path("street").asText(), p.path("streetName").asText(), p.path("streetNameEn").asText());
            streets.putIfAbsent(street.code(), street);
            Community community = new Community(p.path("community").asText(), street.code(), p.path("communityName").asText(),
                    p.path("communityNameEn").asText());
            communities.putIfAbsent(community.code(), community);
            GridCell grid = new GridCell(p.path("code").asText(), community.code(), street.code(), p.path("name").asText(),
                    p.path("nameEn").asText());
            if (grids.put(grid.code(), grid) != null) {
                throw new IllegalStateException("grid " + grid.code() + " appears twice in grids.geojson");
            }
            for (JsonNode worker : p.path("gridWorkers")) {
                gridsOfWorker.computeIfAbsent(worker.asText(), w -> new TreeSet<>()).add(grid.code());
            }
            Geometry shape = toGeometry(feature.path("geometry"));
            IndexedGrid entry = new IndexedGrid(grid, PreparedGeometryFactory.prepare(shape), shape.toText());
            indexed.add(entry);
            gridIndex.insert(shape.getEnvelopeInternal(), entry);
        }
    }

    /** A feature's geometry as JTS reads GeoJSON; a grid is a Polygon or a MultiPolygon. */
    private static Geometry toGeometry(JsonNode geometry) {
        Geometry shape;
        try {
            shape = new GeoJsonReader(GEOMETRY).read(geometry.toString());
        } catch (ParseException e) {
            throw new IllegalStateException("a grid's geometry is not GeoJSON: " + e.getMessage(), e);
        }
        if (!(shape instanceof Polygon || shape instanceof MultiPolygon)) {
            throw new IllegalStateException("grid geometry must be a Polygon or MultiPolygon, not " + shape.getGeometryType());
        }
        return shape;
    }

    private void loadDepartments(JsonNode root) {
        for (JsonNode d : root.path("departments")) {
            Department department = new Department(d.path("code").asText(), d.path("name").asText(), d.path("nameEn").asText(),
                    d.path("group").asText(null));
            if (department.groupId() == null || department.groupId().isBlank()) {
                throw new IllegalStateException("department " + department.code() + " names no group in departments.json");
            }
            departments.put(department.code(), department);
        }
    }

    private void loadCategories(JsonNode root) {
        for (JsonNode c : root.path("categories")) {
            CategoryKind kind = CategoryKind.valueOf(c.path("kind").asText());
            String code = c.path("code").asText();
            List<Category> subs = new ArrayList<>();
            for (JsonNode s : c.path("subcategories")) {
                Category sub = new Category(s.path("code").asText(), code, kind, s.path("name").asText(), s.path("nameEn").asText(), List.of());
                subs.add(sub);
                if (subcategories.put(sub.code(), sub) != null) {
                    throw new IllegalStateException("subcategory " + sub.code() + " appears twice in categories.json");
                }
            }
            categories.put(code, new Category(code, null, kind, c.path("name").asText(), c.path("nameEn").asText(), List.copyOf(subs)));
        }
    }

    private void store() {
        streets.values().forEach(s -> upsert("gl_street", "code", s.code(),
                Map.of("name", s.name(), "name_en", s.nameEn())));
        communities.values().forEach(c -> upsert("gl_community", "code", c.code(),
                Map.of("street_code", c.streetCode(), "name", c.name(), "name_en", c.nameEn())));
        indexed.forEach(g -> upsert("gl_grid", "code", g.grid().code(), Map.of("community_code", g.grid().communityCode(),
                "street_code", g.grid().streetCode(), "name", g.grid().name(), "name_en", g.grid().nameEn(), "geometry", g.wkt())));
        departments.values().forEach(d -> upsert("gl_department", "code", d.code(),
                Map.of("name", d.name(), "name_en", d.nameEn(), "group_id", d.groupId())));
        int order = 0;
        for (Category c : categories.values()) {
            upsertCategory(c, order++);
            for (Category s : c.subcategories()) {
                upsertCategory(s, order++);
            }
        }
    }

    private void upsertCategory(Category c, int order) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("parent_code", c.parentCode());
        values.put("kind", c.kind().name());
        values.put("name", c.name());
        values.put("name_en", c.nameEn());
        values.put("sort_order", order);
        upsert("gl_category", "code", c.code(), values);
    }

    /** Update, or insert when absent: portable across PostgreSQL and H2, and safe to repeat at every start. */
    private void upsert(String table, String keyColumn, String key, Map<String, Object> values) {
        StringBuilder set = new StringBuilder();
        values.keySet().forEach(col -> set.append(set.isEmpty() ? "" : ", ").append(col).append(" = :").append(col));
        var update = jdbc.sql("update " + table + " set " + set + " where " + keyColumn + " = :key").param("key", key);
        values.forEach(update::param);
        if (update.update() == 0) {
            String cols = String.join(", ", values.keySet());
            String params = ":" + String.join(", :", values.keySet());
            var insert = jdbc.sql("insert into " + table + " (" + keyColumn + ", " + cols + ") values (:key, " + params + ")")
                    .param("key", key);
            values.forEach(insert::param);
            insert.update();
        }
    }

    /** The grid whose polygon covers the point, if any; of two grids sharing a border, the first in the file. */
    public Optional<GridCell> locate(double longitude, double latitude) {
        return gridsAt(longitude, latitude).stream().findFirst();
    }

    /** Every grid whose polygon covers the point: one inside a grid, two or more on a border they share. */
    public List<GridCell> gridsAt(double longitude, double latitude) {
        Point point = GEOMETRY.createPoint(new Coordinate(longitude, latitude));
        @SuppressWarnings("unchecked")
        List<IndexedGrid> candidates = gridIndex.query(point.getEnvelopeInternal());
        return candidates.stream().filter(g -> g.shape().covers(point)).map(IndexedGrid::grid)
                .sorted(java.util.Comparator.comparingInt(g -> order(g.code()))).toList();
    }

    /** Whether the grid of that code covers the point (its border included). */
    public boolean covers(String gridCode, double longitude, double latitude) {
        return gridsAt(longitude, latitude).stream().anyMatch(g -> g.code().equals(gridCode));
    }

    private int order(String gridCode) {
        return List.copyOf(grids.keySet()).indexOf(gridCode);
    }

    public String districtName() {
        return districtName;
    }

    public Collection<Street> streets() {
        return Collections.unmodifiableCollection(streets.values());
    }

    public Collection<Community> communities() {
        return Collections.unmodifiableCollection(communities.values());
    }

    public Collection<GridCell> grids() {
        return Collections.unmodifiableCollection(grids.values());
    }

    public Collection<Department> departments() {
        return Collections.unmodifiableCollection(departments.values());
    }

    public Collection<Category> categories() {
        return Collections.unmodifiableCollection(categories.values());
    }

    /** The grids as GeoJSON for a map: polygons, codes and names. */
    public String gridsGeoJson() {
        return gridsGeoJson;
    }

    /** The grids a grid worker (网格员) is responsible for, as {@code gridWorkers} in grids.geojson names them. */
    public Set<String> gridsOf(String gridWorker) {
        return Collections.unmodifiableSet(gridsOfWorker.getOrDefault(gridWorker, new TreeSet<>()));
    }

    /** The grid workers responsible for a grid, by login, in order. */
    public List<String> gridWorkersOf(String gridCode) {
        return gridsOfWorker.entrySet().stream().filter(e -> e.getValue().contains(gridCode)).map(Map.Entry::getKey).sorted().toList();
    }

    public Optional<GridCell> grid(String code) {
        return Optional.ofNullable(code).map(grids::get);
    }

    public Optional<Street> street(String code) {
        return Optional.ofNullable(code).map(streets::get);
    }

    public Optional<Community> community(String code) {
        return Optional.ofNullable(code).map(communities::get);
    }

    public Optional<Department> department(String code) {
        return Optional.ofNullable(code).map(departments::get);
    }

    /** The department whose group this is ({@code Department.groupId}), if any. */
    public Optional<Department> departmentOfGroup(String groupId) {
        return groupId == null ? Optional.empty()
                : departments.values().stream().filter(d -> d.groupId().equals(groupId)).findFirst();
    }

    public Optional<Category> category(String code) {
        return Optional.ofNullable(code).map(categories::get);
    }

    public Optional<Category> subcategory(String code) {
        return Optional.ofNullable(code).map(subcategories::get);
    }

    private record IndexedGrid(GridCell grid, PreparedGeometry shape, String wkt) {}
}
