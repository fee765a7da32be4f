package io.gridloop.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The overdue board at one moment, within what the official may see: the counts at the top, every open case in warning
 * or overdue, and per grid the open and overdue cases (for the map). Names are in the asker's language.
 */
public record Board(Instant at, Counts counts, List<BoardCase> cases, List<GridCount> grids) {

    /** Open cases; in warning (not yet overdue); overdue; under an open supervision order (督办). */
    public record Counts(long open, long warning, long overdue, long underSupervision) {}

    /**
     * One case on the board. {@code overdueMinutes} is working time past the due date (0 while only in warning);
     * {@code supervisionLevel} the highest level of the case's supervision orders and {@code orderState} that order's
     * state (OPEN, CLOSED), both null when it has none.
     */
    public record BoardCase(String caseNumber, String street, String streetName, String grid, String gridName, String department,
                            String departmentName, String category, String categoryName, String step, String stepName, Instant dueAt,
                            boolean overdue, long overdueMinutes, String supervisionLevel, String orderState) {}

    public record GridCount(String grid, String name, long open, long overdue) {}

    /** How the board's cases are grouped (the page's selector). */
    public enum Dimension {
        STREET(BoardCase::street, BoardCase::streetName),
        DEPARTMENT(BoardCase::department, BoardCase::departmentName),
        GRID(BoardCase::grid, BoardCase::gridName),
        CATEGORY(BoardCase::category, BoardCase::categoryName),
        STEP(BoardCase::step, BoardCase::stepName);

        private final Function<BoardCase, String> key;
        private final Function<BoardCase, String> name;

        Dimension(Function<BoardCase, String> key, Function<BoardCase, String> name) {
            this.key = key;
            this.name = name;
        }
    }

    /** A group of the board: its cases, overdue first and longest overdue first. */
    public record Group(String key, String name, long warning, long overdue, List<BoardCase> cases) {}

    /** The cases grouped by one dimension; groups with the most overdue cases first, then by name. */
    public List<Group> groups(Dimension by) {
        Map<String, List<BoardCase>> grouped = new LinkedHashMap<>();
        for (BoardCase c : cases) {
            String key = by.key.apply(c);
            grouped.computeIfAbsent(key == null ? "" : key, k -> new ArrayList<>()).add(c);
        }
        List<Group> out = new ArrayList<>();
        grouped.forEach((key, list) -> {
            List<BoardCase> sorted = new ArrayList<>(list);
            sorted.sort(Comparator.comparing(BoardCase::overdue).reversed().thenComparing(Comparator.comparingLong(BoardCase::overdueMinutes).reversed())
                    .thenComparing(BoardCase::dueAt, Comparator.nullsLast(Comparator.naturalOrder())));
            long overdue = sorted.stream().filter(BoardCase::overdue).count();
            String name = by.name.apply(sorted.get(0));
            out.add(new Group(key, name == null ? "" : name, sorted.size() - overdue, overdue, List.copyOf(sorted)));
        });
        out.sort(Comparator.comparingLong(Group::overdue).reversed().thenComparing(Group::name));
        return out;
    }
}
