package io.gridloop.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One generated case as the loop would have left it: its case file row, its step facts, its timeline and its supervision
 * orders up to now; for a case still open, the step it waits in ({@link Open}), which a real process instance takes up.
 */
public final class HistoryCase {

    /** A step fact (gl_step_fact) as {@code StepFacts} writes it: finished with the decision taken, or cancelled (no outcome). */
    public record Fact(String step, String department, Instant started, Instant due, Instant finished, String outcome,
                       long workingSeconds, Integer extensionDays, boolean rework, boolean returned) {
        public Boolean onTime() {
            return finished == null || outcome == null || due == null ? null : !finished.isAfter(due);
        }
    }

    /** A timeline entry (gl_timeline). */
    public record Entry(Instant at, String actor, String step, String action, String decision, String comment, String details) {}

    /** A supervision order (gl_supervision_order), opened by a deadline and closed when its step was done. */
    public record Order(String step, String kind, String level, String recipientGroup, Instant opened, String cause, String issuerGroup,
                        Instant answerDue, Instant closed, String dedupeKey) {}

    /**
     * The step an open case waits in now: the BPMN element a process instance starts before, at the moment the step
     * started, with the variables the loop would have set by then. {@code due} is the step's due date.
     */
    public record Open(String step, String activity, Instant started, Instant due, String candidateGroup,
                       Map<String, Object> variables) {}

    public long id;
    public int sequence;
    public String caseNumber;
    public String channel;
    public String urgency = "NORMAL";
    public String categoryCode;
    public String subcategoryCode;
    public String kind;
    public String gridCode;
    public String communityCode;
    public String streetCode;
    public String description;
    public String address;
    public Double longitude;
    public Double latitude;
    public String reporterName;
    public String reporterPhone;
    /** A citizen's e-mail, for the rating link (only a case waiting for its citizen's rating has one). */
    public String reporterEmail;
    public String reportedBy;
    public boolean selfResolved;
    public Instant reportedAt;

    public String status;
    public Instant registeredAt;
    public Instant dispatchedAt;
    public Instant closedAt;
    public String departmentCode;
    public String coDepartments;
    public String mergedInto;
    public int reworkCount;
    public int returnCount;
    public int extensionCount;
    public String satisfaction;
    public Instant handlingDueAt;
    public Instant updatedAt;

    public final List<Fact> facts = new ArrayList<>();
    public final List<Entry> timeline = new ArrayList<>();
    public final List<Order> orders = new ArrayList<>();
    public Open open;
    /** What the open step's timers did by now: warned, overdue, the orders and timeline entries they opened. */
    public boolean openWarning;
    public boolean openOverdue;
    public final List<Entry> openTimeline = new ArrayList<>();
    public final List<Order> openOrders = new ArrayList<>();

    public boolean isOpen() {
        return open != null;
    }
}
