package io.gridloop.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which cases and tasks an official may see, from their groups: district roles see everything; a street's intake,
 * dispatchers and supervisors their street's; a department's handlers the cases their department leads or co-handles;
 * grid workers their grids' cases; everybody the cases they reported. The one place these rules live: the case file
 * and the inbox filter with {@link #caseFilter} and {@link #taskFilter} (both tables name their columns alike) and
 * check single rows with {@link #seesCase} and {@link #mayWorkTask}.
 */
public record AccessScope(String userId, Set<String> groups, boolean district, Set<String> streets, Set<String> departments,
                          Set<String> grids) {

    /** Roles that see every case of the district. */
    private static final Set<String> DISTRICT_ROLES = Set.of(Roles.SUPERVISOR, Roles.MANAGER, Roles.PROCESS_OWNER, Roles.ADMIN);
    /** Roles whose group tasks belong to a street when the official is a street's. */
    private static final Set<String> STREET_ROLES = Set.of(Roles.INTAKE, Roles.DISPATCHER);

    public AccessScope {
        groups = Set.copyOf(groups);
        streets = Set.copyOf(streets);
        departments = Set.copyOf(departments);
        grids = Set.copyOf(grids);
    }

    /** The scope of an official with these groups; {@code gridsOfWorker} is what the reference data assigns them. */
    public static AccessScope of(String userId, Collection<String> groups, Set<String> gridsOfWorker) {
        return of(userId, groups, gridsOfWorker, group -> java.util.Optional.empty());
    }

    /** As above, {@code departmentOfGroup} naming the department whose group a group is (from the reference data). */
    public static AccessScope of(String userId, Collection<String> groups, Set<String> gridsOfWorker,
                                 java.util.function.Function<String, java.util.Optional<String>> departmentOfGroup) {
        Set<String> g = new TreeSet<>(groups == null ? List.of() : groups);
        Set<String> streets = new TreeSet<>();
        Set<String> departments = new TreeSet<>();
        boolean streetOfficial = false;
        for (String group : g) {
            if (group.startsWith(Roles.STREET_GROUP_PREFIX)) {
                streets.add(group.substring(Roles.STREET_GROUP_PREFIX.length()));
                streetOfficial = true;
            } else if (group.startsWith(Roles.STREET_SUPERVISOR_PREFIX)) {
                streets.add(group.substring(Roles.STREET_SUPERVISOR_PREFIX.length()));
            } else {
                departmentOfGroup.apply(group).ifPresent(departments::add);
            }
        }
        boolean district = g.stream().anyMatch(DISTRICT_ROLES::contains)
                || (!streetOfficial && g.stream().anyMatch(STREET_ROLES::contains));
        Set<String> grids = g.contains(Roles.GRID_WORKER) ? gridsOfWorker : Set.of();
        return new AccessScope(userId, g, district, streets, departments, grids);
    }

    /** District or street supervisors (督查员). */
    public boolean isSupervisor() {
        return groups.contains(Roles.SUPERVISOR) || groups.stream().anyMatch(g -> g.startsWith(Roles.STREET_SUPERVISOR_PREFIX));
    }

    /** Whether the official may see a case with these facts. */
    public boolean seesCase(String streetCode, String gridCode, String departmentCode, java.util.Collection<String> coDepartments,
                            String reportedBy) {
        if (district || streets.contains(streetCode) || grids.contains(gridCode) || userId.equals(reportedBy)) {
            return true;
        }
        if (departmentCode != null && departments.contains(departmentCode)) {
            return true;
        }
        return coDepartments != null && coDepartments.stream().anyMatch(departments::contains);
    }

    /** Whether the official may work (see, claim, complete) a task of this group in this street and grid. */
    public boolean mayWorkTask(String candidateGroup, String streetCode, String gridCode) {
        if (candidateGroup == null || !groups.contains(candidateGroup)) {
            return false;
        }
        if (candidateGroup.equals(Roles.GRID_WORKER)) {
            return grids.contains(gridCode);
        }
        if (STREET_ROLES.contains(candidateGroup) && !district) {
            return streets.contains(streetCode);
        }
        return true;
    }

    /** SQL over gl_case: the cases the official may see. Parameters are added to {@code params}. */
    public String caseFilter(Map<String, Object> params) {
        if (district) {
            return "1 = 1";
        }
        List<String> any = new ArrayList<>();
        params.put("scopeUser", userId);
        any.add("reported_by = :scopeUser");
        if (!streets.isEmpty()) {
            params.put("scopeStreets", List.copyOf(streets));
            any.add("street_code in (:scopeStreets)");
        }
        if (!grids.isEmpty()) {
            params.put("scopeGrids", List.copyOf(grids));
            any.add("grid_code in (:scopeGrids)");
        }
        if (!departments.isEmpty()) {
            params.put("scopeDepartments", List.copyOf(departments));
            any.add("department_code in (:scopeDepartments)");
            // by case number, which no table joined to gl_case here has (an id would be ambiguous beside theirs)
            any.add("case_number in (select cc.case_number from gl_case cc join gl_case_co_department cd on cd.case_id = cc.id "
                    + "where cd.department_code in (:scopeDepartments))");
        }
        return "(" + String.join(" or ", any) + ")";
    }

    /** SQL over gl_inbox_task: the unassigned group tasks the official may work. Parameters are added to {@code params}. */
    public String taskFilter(Map<String, Object> params) {
        List<String> open = new ArrayList<>();
        List<String> any = new ArrayList<>();
        for (String g : groups) {
            if (g.equals(Roles.GRID_WORKER)) {
                if (!grids.isEmpty()) {
                    params.put("taskGrids", List.copyOf(grids));
                    any.add("(candidate_group = '" + Roles.GRID_WORKER + "' and grid_code in (:taskGrids))");
                }
            } else if (STREET_ROLES.contains(g) && !district) {
                if (!streets.isEmpty()) {
                    params.put("taskStreets", List.copyOf(streets));
                    any.add("(candidate_group = '" + g + "' and street_code in (:taskStreets))");
                }
            } else {
                open.add(g);
            }
        }
        if (!open.isEmpty()) {
            params.put("taskGroups", open);
            any.add(0, "candidate_group in (:taskGroups)");
        }
        return any.isEmpty() ? "1 = 0" : any.size() == 1 ? any.get(0) : "(" + String.join(" or ", any) + ")";
    }
}
