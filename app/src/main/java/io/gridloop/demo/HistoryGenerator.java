package io.gridloop.demo;

import io.gridloop.process.CaseLoop;
import io.gridloop.process.CaseVariables;
import io.gridloop.process.Step;
import io.gridloop.deadline.HandlingStage;
import io.gridloop.deadline.LimitClock;
import io.gridloop.deadline.TimeLimit;
import io.gridloop.deadline.TimeLimits;
import io.gridloop.deadline.WorkingTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A district's past, generated deterministically from a seed: cases reported over a period, each driven step by step
 * through the loop's paths (verification, reject, duplicate merge, self-resolved, dispatch, return, extension, hold,
 * co-departments, handling in stages, check, rework, callback, dissatisfaction) in working time, with the step facts,
 * timeline entries and supervision orders the loop writes for them. A case whose current step has not ended by {@code now}
 * stays open in it ({@link HistoryCase.Open}). It decides nothing the loop decides: time limits, routing and the
 * escalation chain come from the district's own tables ({@link District}).
 */
public final class HistoryGenerator {

    static final String SYSTEM = "system";
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** A grid and who patrols it; {@code weight} how busy it is. */
    public record Place(String grid, String community, String street, String name, String streetName, String gridWorker,
                        double weight) {}

    /**
     * A subcategory and how often each kind of reporter reports it: {@code easy} things (rubbish, flyers) are what a
     * grid worker who games the quota reports; {@code hard} ones (fire hazards, illegal building) are what the public
     * reports more often than the grid workers.
     */
    public record Kind(String code, String category, String kind, String name, double weight, boolean easy, boolean hard) {}

    /**
     * One level of the escalation chain: its row in {@code escalation.dmn}, the order it opens and the group issuing it
     * for a street.
     */
    public record Rung(String level, String kind, String orderLevel, String cause, Function<String, String> issuerOfStreet) {}

    /**
     * The district the history happens in, and the loop's tables as functions: limits per subcategory (the variables of
     * {@code ${applyTimeLimits}}), the routing suggestion per subcategory and street, the escalation chain (its levels, and
     * when a level opens for a limit), the group of each department and the officials of a group who may work its tasks
     * at a place.
     */
    public record District(List<Place> places, List<Kind> kinds, List<String> departments,
                           Function<String, Map<String, Object>> limits, BiFunction<String, String, String> routing,
                           List<Rung> escalation, BiFunction<String, String, String> escalationAfter,
                           Function<String, String> departmentGroup, BiFunction<String, Place, List<String>> members,
                           String slowDepartment, Set<String> easyReporters, BiFunction<Place, SplittableRandom, double[]> point) {}

    private final District district;
    private final WorkingTime workingTime;
    private final TimeLimits timeLimits;
    private final TimeLimit answerWithin;
    /** The citizen's time to rate a handled case ({@code gridloop.citizen.rating-within}); null: no case waits for one. */
    private final TimeLimit ratingWithin;
    private final ZoneId zone;
    private final Map<String, TimeLimit> parsed = new HashMap<>();
    private final Map<String, TimeLimit> warnings = new HashMap<>();
    private final Map<String, Map<String, Object>> limitsOf = new HashMap<>();
    private final Map<String, String> routes = new HashMap<>();
    private final Map<String, String> escalations = new HashMap<>();
    private final Map<String, String> issuers = new HashMap<>();

    public HistoryGenerator(District district, WorkingTime workingTime, TimeLimits timeLimits, TimeLimit answerWithin) {
        this(district, workingTime, timeLimits, answerWithin, null);
    }

    /**
     * With {@code ratingWithin} (the citizen's time to rate), some of the cases kept open wait for their citizen's own
     * rating ({@link Waiting#AWAIT_RATING}).
     */
    public HistoryGenerator(District district, WorkingTime workingTime, TimeLimits timeLimits, TimeLimit answerWithin,
                            TimeLimit ratingWithin) {
        this.district = district;
        this.workingTime = workingTime;
        this.timeLimits = timeLimits;
        this.answerWithin = answerWithin;
        this.ratingWithin = ratingWithin;
        this.zone = workingTime.zone();
    }

    /**
     * Generates {@code count} cases reported between {@code from} and {@code now}, in the order they were reported, and
     * hands each to {@code sink} once no later case can touch it any more (a duplicate merged into it).
     */
    public void generate(long seed, int count, Instant from, Instant now, long firstId, long firstNumber, Consumer<HistoryCase> sink) {
        generate(seed, count, 0, from, now, firstId, firstNumber, sink);
    }

    /**
     * The same, with {@code open} of the {@code count} cases kept open at {@code now} in the loop's waiting steps
     * ({@link Waiting}: most in handling, some in every other step), each at an age in its step that makes some of them
     * fresh, some in warning and some overdue (longer overdue in the slow department, handling long enough overdue for
     * the supervision orders' levels). Such a case is reported when its path through the steps before (drawn as for any
     * case) lets it reach its step that long before now; it takes its place among the others by that moment.
     */
    public void generate(long seed, int count, int open, Instant from, Instant now, long firstId, long firstNumber,
                         Consumer<HistoryCase> sink) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] placeWeights = district.places().stream().mapToDouble(Place::weight).toArray();
        List<Planned> planned = plan(new SplittableRandom(seed ^ 0x5DEECE66DL), Math.max(0, Math.min(open, count)), now, placeWeights);
        long[] natural = reportTimes(random, count - planned.size(), from, now);
        ArrayDeque<HistoryCase> recent = new ArrayDeque<>();
        int next = 0;
        int p = 0;
        for (int i = 0; i < count; i++) {
            // in the order reported: the next natural report or the next planned one, whichever came first
            boolean takePlanned = p < planned.size() && (next >= natural.length
                    || !planned.get(p).reportedAt().isAfter(Instant.ofEpochSecond(natural[next])));
            HistoryCase c = new HistoryCase();
            c.id = firstId + i;
            c.sequence = i;
            c.reportedAt = takePlanned ? planned.get(p).reportedAt() : Instant.ofEpochSecond(natural[next++]);
            c.caseNumber = "%d-%06d".formatted(c.reportedAt.atZone(zone).getYear(), firstNumber + i);
            if (takePlanned) {
                Planned plan = planned.get(p++);
                new Life(c, new SplittableRandom(plan.seed()), now, placeWeights, new ArrayDeque<>(), plan.waiting()).run();
            } else {
                new Life(c, random, now, placeWeights, recent, null).run();
            }
            recent.addLast(c);
            if (recent.size() > 200) {
                sink.accept(recent.removeFirst());
            }
        }
        recent.forEach(sink);
    }

    /**
     * Where a case kept open waits at now: a waiting step of the loop, and the share of the cases kept open that wait
     * there. A joint case waits in handling with its co-departments at work ({@code JOINT_HANDLE}: the lead's task stands
     * for the case), or in the co-departments' work alone once the lead has given its feedback ({@code CO_HANDLE}).
     */
    public enum Waiting {
        VERIFY(Step.VERIFY, 0.06),
        REGISTER(Step.REGISTER, 0.06),
        DISPATCH(Step.DISPATCH, 0.08),
        HANDLE(Step.HANDLE, 0.33),
        JOINT_HANDLE(Step.HANDLE, 0.05),
        CO_HANDLE(Step.CO_HANDLE, 0.04),
        APPROVE_EXTENSION(Step.APPROVE_EXTENSION, 0.05),
        APPROVE_HOLD(Step.APPROVE_HOLD, 0.05),
        ON_HOLD(Step.ON_HOLD, 0.05),
        REVIEW_HOLD(Step.REVIEW_HOLD, 0.04),
        CHECK(Step.CHECK, 0.07),
        CALLBACK(Step.CALLBACK, 0.06),
        /** A citizen who left an e-mail rates the work (Task_AwaitRating, no official's task): the case is in callback. */
        AWAIT_RATING(Step.CALLBACK, 0.03),
        REVIEW_DISSATISFACTION(Step.REVIEW_DISSATISFACTION, 0.03);

        private final Step step;
        private final double share;

        Waiting(Step step, double share) {
            this.step = step;
            this.share = share;
        }

        public Step step() {
            return step;
        }

        /** The steps a case of the hotline or the public passes through and a grid worker's report does not. */
        boolean needsPublicReport() {
            return this == VERIFY || this == CALLBACK || this == AWAIT_RATING || this == REVIEW_DISSATISFACTION;
        }

        boolean joint() {
            return this == JOINT_HANDLE || this == CO_HANDLE;
        }

        boolean handling() {
            return step == Step.HANDLE || step == Step.CO_HANDLE;
        }
    }

    /** A case kept open: where it waits, the seed of its own random numbers, and when it was reported. */
    private record Planned(Waiting waiting, long seed, Instant reportedAt) {}

    /**
     * The cases kept open, in the order they were reported: {@code open} spread over the waiting steps by their shares
     * (at least one in each when there are enough), each given an age in its step. A trial run of its life from long ago
     * tells how much working time the steps before took and how long its step's limit is; it is then reported that much
     * working time, plus its age in the step, before now.
     */
    private List<Planned> plan(SplittableRandom random, int open, Instant now, double[] placeWeights) {
        List<Waiting> where = new ArrayList<>();
        Waiting[] all = Waiting.values();
        int[] n = new int[all.length];
        int given = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == Waiting.AWAIT_RATING && ratingWithin == null) {
                continue;
            }
            n[i] = open >= 2 * all.length ? Math.max(1, (int) Math.floor(all[i].share * open)) : (int) Math.floor(all[i].share * open);
            given += n[i];
        }
        // what rounding left goes to handling, where most cases wait
        n[Waiting.HANDLE.ordinal()] = Math.max(0, n[Waiting.HANDLE.ordinal()] + open - given);
        for (int i = 0; i < all.length; i++) {
            for (int k = 0; k < n[i]; k++) {
                where.add(all[i]);
            }
        }
        List<Planned> planned = new ArrayList<>();
        for (Waiting w : where) {
            long seed = random.nextLong();
            double age = random.nextDouble();
            double over = random.nextDouble();
            // a trial life from long ago: the working time the steps before take, and the step's own limit
            Instant trialReport = now.minus(Duration.ofDays(150));
            HistoryCase trial = trial(seed, w, trialReport, now, placeWeights);
            if (trial.open == null) {
                continue;
            }
            Duration before = workingTime.between(trialReport, trial.open.started());
            Duration limit = workingTime.between(trial.open.started(), trial.open.due());
            // the lead's own work done beside the co-departments' (CO_HANDLE) must lie before now too
            Duration least = trial.updatedAt != null && trial.updatedAt.isAfter(trial.open.started())
                    ? workingTime.between(trial.open.started(), trial.updatedAt).plusMinutes(10) : Duration.ofMinutes(5);
            Duration inStep = ageInStep(w, limit, district.slowDepartment().equals(trial.departmentCode), age, over);
            if (inStep.compareTo(least) < 0) {
                inStep = least;
            }
            Instant reported = workingBefore(now, before.plus(inStep));
            planned.add(new Planned(w, seed, reported));
        }
        planned.sort(java.util.Comparator.comparing(Planned::reportedAt));
        return planned;
    }

    private HistoryCase trial(long seed, Waiting w, Instant reported, Instant now, double[] placeWeights) {
        HistoryCase c = new HistoryCase();
        c.id = -1;
        c.reportedAt = reported;
        c.caseNumber = "trial";
        new Life(c, new SplittableRandom(seed), now, placeWeights, new ArrayDeque<>(), w).run();
        return c;
    }

    /**
     * How long a case kept open has waited in its step by now, in working time: within the warning share of its limit
     * for most, in warning for some, overdue for the rest (more in the slow department); a handling step overdue by hours
     * to weeks, so that the escalation chain's levels (street, district, notice) all show, any other step overdue by up
     * to one and a half times its limit. A hold waits short of its review date.
     */
    private Duration ageInStep(Waiting w, Duration limit, boolean slow, double x, double y) {
        long seconds = Math.max(60, limit.toSeconds());
        double warn = timeLimits.warningShare();
        if (w == Waiting.ON_HOLD || w == Waiting.AWAIT_RATING) {
            // short of the hold's review date, of the citizen's time to rate
            return Duration.ofSeconds((long) (seconds * (0.05 + 0.9 * y)));
        }
        double overdue = slow ? 0.55 : 0.22;
        double warning = 0.15;
        if (x >= overdue + warning) {
            return Duration.ofSeconds((long) (seconds * (0.03 + (warn - 0.05) * y)));
        }
        if (x >= overdue) {
            return Duration.ofSeconds((long) (seconds * (warn + (1 - warn) * (0.1 + 0.8 * y))));
        }
        if (!w.handling()) {
            return Duration.ofSeconds((long) (seconds * (1.02 + 1.5 * y)));
        }
        // overdue by less than a working day (a reminder), up to five (street), up to ten (district), or more (notice)
        Duration day = workingTime.dayLength();
        double days = y < 0.4 ? 0.1 + y * 2 : y < 0.7 ? 1.1 + (y - 0.4) * 12 : y < 0.9 ? 5.2 + (y - 0.7) * 22 : 10.5 + (y - 0.9) * 60;
        return Duration.ofSeconds(seconds + (long) (day.toSeconds() * days));
    }

    /** The moment {@code working} working time before {@code end} (the latest such moment). */
    private Instant workingBefore(Instant end, Duration working) {
        // about twice as many calendar days as working days, and more if that was not enough
        long workingDays = working.toSeconds() / Math.max(1, workingTime.dayLength().toSeconds());
        long lo = end.minus(Duration.ofDays(10 + 2 * workingDays)).getEpochSecond();
        while (workingTime.between(Instant.ofEpochSecond(lo), end).compareTo(working) < 0) {
            lo -= Duration.ofDays(30).toSeconds();
        }
        long hi = end.getEpochSecond();
        // the latest moment with at least that much working time until the end
        while (hi - lo > 60) {
            long mid = lo + (hi - lo) / 2;
            if (workingTime.between(Instant.ofEpochSecond(mid), end).compareTo(working) >= 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return Instant.ofEpochSecond(lo);
    }

    /** Report moments: more on working days, a little more as the year goes on, during the day. */
    private long[] reportTimes(SplittableRandom random, int count, Instant from, Instant now) {
        LocalDate first = from.atZone(zone).toLocalDate();
        LocalDate last = now.atZone(zone).toLocalDate();
        List<LocalDate> days = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        long total = java.time.temporal.ChronoUnit.DAYS.between(first, last) + 1;
        int n = 0;
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1), n++) {
            double w = workingTime.holidays().isWorkingDay(d) ? 1.0 : 0.35;
            days.add(d);
            weights.add(w * (0.85 + 0.3 * n / Math.max(1.0, total)));
        }
        double[] cumulative = new double[days.size()];
        double sum = 0;
        for (int i = 0; i < cumulative.length; i++) {
            sum += weights.get(i);
            cumulative[i] = sum;
        }
        long[] out = new long[count];
        int filled = 0;
        while (filled < count) {
            int day = Arrays.binarySearch(cumulative, random.nextDouble() * sum);
            day = day < 0 ? -day - 1 : day;
            LocalTime time = LocalTime.of(8, 30).plusSeconds(random.nextLong(9 * 3600));
            Instant t = days.get(Math.min(day, days.size() - 1)).atTime(time).atZone(zone).toInstant();
            if (t.isBefore(now.minusSeconds(60)) && !t.isBefore(from)) {
                out[filled++] = t.getEpochSecond();
            }
        }
        Arrays.sort(out);
        return out;
    }

    private TimeLimit limit(String iso) {
        return parsed.computeIfAbsent(iso, TimeLimit::parse);
    }

    private Instant plus(Instant start, String limit) {
        return workingTime.plus(start, limit(limit));
    }

    private Instant warningAt(Instant start, String limit) {
        return workingTime.plus(start, warnings.computeIfAbsent(limit, l -> TimeLimit.parse(timeLimits.warningOf(l, LimitClock.WORKING))));
    }

    private Map<String, Object> limits(String subcategory) {
        return limitsOf.computeIfAbsent(subcategory, district.limits());
    }

    private String route(String subcategory, String street) {
        return routes.computeIfAbsent(subcategory + "/" + street, k -> district.routing().apply(subcategory, street));
    }

    private static <T> T pick(SplittableRandom r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    private static int weighted(SplittableRandom r, double[] weights) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        double x = r.nextDouble() * sum;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** One case's life, step by step, until it is closed or {@code now} comes. */
    private final class Life {
        private final HistoryCase c;
        private final SplittableRandom r;
        private final Instant now;
        private final double[] placeWeights;
        private final ArrayDeque<HistoryCase> recent;
        private Place place;
        private Map<String, Object> limits;
        private List<HandlingStage> stages;
        private int stage = 1;
        private String handleLimit;
        private String department;
        private List<String> co = List.of();
        private boolean slow;
        private boolean stopped;
        /** Where a case kept open waits at now (null for any other case): the path it takes leads there. */
        private final Waiting target;
        /** The co-departments still at work beside the lead (a joint case kept open in its handling). */
        private List<String> coAtWork = List.of();

        Life(HistoryCase c, SplittableRandom r, Instant now, double[] placeWeights, ArrayDeque<HistoryCase> recent, Waiting target) {
            this.c = c;
            this.r = r;
            this.now = now;
            this.placeWeights = placeWeights;
            this.recent = recent;
            this.target = target;
        }

        /** Whether the case is kept open in this step: it waits there, whatever its time would have been. */
        private boolean waitsIn(Waiting w) {
            return target == w;
        }

        void run() {
            report();
            Instant t = c.reportedAt;
            if (!"GRID_WORKER".equals(c.channel)) {
                t = verify(t);
                if (t == null) {
                    return;
                }
            }
            t = register(t);
            if (t == null) {
                return;
            }
            if (c.selfResolved) {
                file(t);
                return;
            }
            department = route(c.subcategoryCode, c.streetCode);
            if (target != null) {
                // a joint case kept open has one or two co-departments; any other case kept open none
                if (target.joint()) {
                    List<String> others = new ArrayList<>(district.departments());
                    others.remove(department);
                    java.util.Collections.shuffle(others, new java.util.Random(r.nextLong()));
                    co = List.copyOf(others.subList(0, Math.min(others.size(), r.nextDouble() < 0.7 ? 1 : 2)));
                }
            } else if (r.nextDouble() < 0.05 && c.reportedAt.isBefore(now.minus(Duration.ofDays(75)))) {
                // a joint case now and then, among those long closed (an open one would need its co-departments' tasks too)
                String other = pick(r, district.departments());
                co = other.equals(department) ? List.of() : List.of(other);
            }
            boolean returned = false;
            boolean extended = false;
            boolean held = false;
            while (true) {
                t = dispatch(t);
                if (t == null) {
                    return;
                }
                if (waitsIn(Waiting.JOINT_HANDLE)) {
                    // the lead and the co-departments at work since the dispatch
                    coAtWork = co;
                    open(Step.HANDLE, "SubProcess_JointHandling", t, group(department), handlingVariables());
                    return;
                }
                Instant coStarted = t;
                Instant coneDone = waitsIn(Waiting.CO_HANDLE) ? null : coHandle(t);
                if (waitsIn(Waiting.CO_HANDLE)) {
                    coAtWork = co;
                }
                // the lead's work: feedback (stage by stage), or a return, an extension or a hold on the way
                Instant lead = t;
                boolean rework = false;
                String outcome;
                while (true) {
                    double x = r.nextDouble();
                    outcome = target != null ? forcedOutcome(extended, held)
                            : !returned && co.isEmpty() && x < 0.03 ? "RETURN"
                            : !extended && x > 0.94 ? "EXTENSION"
                            : !held && x > 0.90 && x <= 0.94 ? "HOLD" : "FEEDBACK";
                    Instant done = handle(lead, outcome, rework);
                    if (done == null) {
                        return;
                    }
                    rework = false;
                    if ("RETURN".equals(outcome)) {
                        returned = true;
                        lead = null;
                        t = done;
                        break;
                    }
                    if ("EXTENSION".equals(outcome)) {
                        extended = true;
                        lead = approveExtension(done);
                    } else if ("HOLD".equals(outcome)) {
                        held = true;
                        lead = approveHold(done);
                    } else if (stage < stages.size()) {
                        lead = nextStage(done);
                    } else if (waitsIn(Waiting.CO_HANDLE)) {
                        // the lead has given its feedback and waits at the join for the co-departments still at work
                        Map<String, Object> v = handlingVariables();
                        v.put(CaseVariables.HANDLE_OUTCOME, "FEEDBACK");
                        open(Step.CO_HANDLE, CaseLoop.TASK_CO_HANDLE + "#multiInstanceBody,Gateway_JoinJointWork", coStarted,
                                group(co.get(0)), v);
                        return;
                    } else {
                        // handled: the check waits for the co-departments too
                        Instant ready = coneDone != null && coneDone.isAfter(done) ? coneDone : done;
                        Instant checked = check(ready);
                        if (checked == null) {
                            return;
                        }
                        if (stopped) {
                            // check failed: the lead redoes the work
                            stopped = false;
                            c.reworkCount++;
                            lead = checked;
                            rework = true;
                            continue;
                        }
                        Instant called = callback(checked);
                        if (called == null) {
                            return;
                        }
                        if (stopped) {
                            stopped = false;
                            c.reworkCount++;
                            lead = called;
                            rework = true;
                            continue;
                        }
                        file(called);
                        return;
                    }
                    if (lead == null) {
                        return;
                    }
                }
            }
        }

        // ---- the steps

        private void report() {
            c.channel = switch (weighted(r, new double[] {0.5, 0.3, 0.2})) {
                case 0 -> "GRID_WORKER";
                case 1 -> "HOTLINE";
                default -> "CITIZEN";
            };
            place = district.places().get(weighted(r, placeWeights));
            if (target != null && target.needsPublicReport() && "GRID_WORKER".equals(c.channel)) {
                c.channel = r.nextBoolean() ? "HOTLINE" : "CITIZEN";
            }
            if (waitsIn(Waiting.AWAIT_RATING)) {
                // only a citizen's own report with an e-mail is rated by its citizen
                c.channel = "CITIZEN";
            }
            boolean gridWorker = "GRID_WORKER".equals(c.channel);
            if (gridWorker && place.gridWorker() == null) {
                c.channel = "HOTLINE";
                gridWorker = false;
            }
            boolean easyOnly = gridWorker && district.easyReporters().contains(place.gridWorker());
            double[] w = new double[district.kinds().size()];
            for (int i = 0; i < w.length; i++) {
                Kind k = district.kinds().get(i);
                w[i] = easyOnly ? (k.easy() ? k.weight() : 0) : gridWorker && k.hard() ? k.weight() * 0.3
                        : !gridWorker && k.hard() ? k.weight() * 2 : k.weight();
            }
            Kind kind = district.kinds().get(weighted(r, w));
            c.categoryCode = kind.category();
            c.subcategoryCode = kind.code();
            c.kind = kind.kind();
            c.gridCode = place.grid();
            c.communityCode = place.community();
            c.streetCode = place.street();
            double[] point = district.point().apply(place, r);
            if (point != null) {
                c.longitude = point[0];
                c.latitude = point[1];
            }
            c.address = place.streetName() + " · " + place.name() + " " + (1 + r.nextInt(120)) + " 号";
            c.description = kind.name() + "," + place.name() + "附近,请尽快处理";
            c.selfResolved = gridWorker && kind.easy() && r.nextDouble() < 0.3 && (target == null || target == Waiting.REGISTER);
            if (c.selfResolved) {
                c.description = kind.name() + ",已当场处置";
            }
            if (gridWorker) {
                c.reportedBy = place.gridWorker();
            } else {
                c.reportedBy = intake();
                c.reporterName = pick(r, List.of("王", "李", "张", "刘", "陈", "杨", "赵", "黄")) + "先生";
                c.reporterPhone = "13" + (100000000 + r.nextInt(899999999));
                if (waitsIn(Waiting.AWAIT_RATING)) {
                    c.reporterEmail = "citizen" + c.sequence + "@example.com";
                }
            }
            limits = limits(c.subcategoryCode);
            stages = HandlingStage.read(limits.get(CaseVariables.HANDLE_STAGES));
            handleLimit = (String) limits.get(CaseVariables.HANDLE_LIMIT);
            c.status = gridWorker ? "REGISTERING" : "VERIFYING";
            c.updatedAt = c.reportedAt;
            entry(c.reportedAt, c.reportedBy, "REPORT", "REPORTED", c.channel, null, null);
        }

        private Instant verify(Instant start) {
            String limit = (String) limits.get(CaseVariables.VERIFY_LIMIT);
            Instant end = waitsIn(Waiting.VERIFY) ? null : finish(Step.VERIFY, "grid-worker", start, limit, 0.04);
            if (end == null) {
                open(Step.VERIFY, CaseLoop.TASK_VERIFY, start, "grid-worker", Map.of());
                return null;
            }
            boolean confirmed = r.nextDouble() >= 0.08 || target != null;
            fact(Step.VERIFY, null, start, limit, end, confirmed ? "CONFIRMED" : "NOT_CONFIRMED", null, false, false);
            String who = gridWorker();
            if (!confirmed) {
                entry(end, who, "VERIFY", "COMPLETED", "NOT_CONFIRMED", null, "notConfirmedReason: 现场未发现问题");
                entry(end, SYSTEM, "VERIFY", "NOT_CONFIRMED", null, "现场未发现问题", null);
                close("NOT_CONFIRMED", end);
                return null;
            }
            entry(end, who, "VERIFY", "COMPLETED", "CONFIRMED", null, null);
            return end;
        }

        private Instant register(Instant start) {
            String limit = (String) limits.get(CaseVariables.REGISTER_LIMIT);
            Instant end = waitsIn(Waiting.REGISTER) ? null : finish(Step.REGISTER, "intake", start, limit, 0.04);
            if (end == null) {
                Map<String, Object> v = new HashMap<>();
                if (!"GRID_WORKER".equals(c.channel)) {
                    v.put(CaseVariables.VERIFY_RESULT, "CONFIRMED");
                }
                open(Step.REGISTER, "GRID_WORKER".equals(c.channel) ? null : CaseLoop.TASK_REGISTER, start, "intake", v);
                return null;
            }
            double x = r.nextDouble();
            HistoryCase into = target == null && x >= 0.04 && x < 0.07 ? duplicateTarget(end) : null;
            String decision = target == null && x < 0.04 ? "REJECT" : into != null ? "DUPLICATE" : "REGISTER";
            String who = intake();
            fact(Step.REGISTER, null, start, limit, end, decision, null, false, false);
            switch (decision) {
                case "REJECT" -> {
                    entry(end, who, "REGISTER", "COMPLETED", "REJECT", null, "rejectReason: 不属于受理范围");
                    close("REJECTED", end);
                    return null;
                }
                case "DUPLICATE" -> {
                    entry(end, who, "REGISTER", "COMPLETED", "DUPLICATE", null, "duplicateOf: " + into.caseNumber);
                    c.mergedInto = into.caseNumber;
                    close("MERGED", end);
                    into.timeline.add(new HistoryCase.Entry(end, SYSTEM, "REGISTER", "MERGED_IN", c.caseNumber, c.description, null));
                    return null;
                }
                default -> {
                    entry(end, who, "REGISTER", "COMPLETED", "REGISTER", null, null);
                    c.registeredAt = end;
                    c.status = "DISPATCHING";
                    return end;
                }
            }
        }

        /** An open case of the same subcategory and street, registered by then: what a duplicate is merged into. */
        private HistoryCase duplicateTarget(Instant at) {
            for (var it = recent.descendingIterator(); it.hasNext(); ) {
                HistoryCase o = it.next();
                if (o.subcategoryCode.equals(c.subcategoryCode) && o.streetCode.equals(c.streetCode) && o.registeredAt != null
                        && o.registeredAt.isBefore(at) && (o.closedAt == null || o.closedAt.isAfter(at)) && !o.selfResolved) {
                    return o;
                }
            }
            return null;
        }

        private Instant dispatch(Instant start) {
            String limit = (String) limits.get(CaseVariables.DISPATCH_LIMIT);
            Instant end = waitsIn(Waiting.DISPATCH) ? null : finish(Step.DISPATCH, "dispatcher", start, limit, 0.04);
            if (end == null) {
                open(Step.DISPATCH, CaseLoop.TASK_DISPATCH, start, "dispatcher",
                        Map.of(CaseVariables.REGISTER_DECISION, "REGISTER", CaseVariables.DEPARTMENT, department));
                return null;
            }
            fact(Step.DISPATCH, department, start, limit, end, "DONE", null, false, false);
            // now and then the dispatcher sends it elsewhere than the routing table suggests
            if (r.nextDouble() < 0.08 && (target == null || !target.joint())) {
                department = pick(r, district.departments());
                co = co.stream().filter(d -> !d.equals(department)).toList();
            }
            entry(end, dispatcher(), "DISPATCH", "COMPLETED", department, null, "coDepartments: " + co);
            c.departmentCode = department;
            c.coDepartments = String.join(",", co);
            c.dispatchedAt = end;
            c.status = "HANDLING";
            slow = department.equals(district.slowDepartment());
            return end;
        }

        /** The co-departments' work, which starts with the dispatch; when the last of them finished. */
        private Instant coHandle(Instant start) {
            Instant last = null;
            for (String d : co) {
                Instant end = finish(Step.CO_HANDLE, group(d), start, handleLimit, 0.1);
                fact(Step.CO_HANDLE, d, start, handleLimit, end, "DONE", null, false, false);
                entry(end, member(d), "CO_HANDLE", "COMPLETED", null, null, "coFeedback: 已配合处置");
                last = last == null || end.isAfter(last) ? end : last;
            }
            return last;
        }

        private Instant handle(Instant start, String outcome, boolean rework) {
            String limit = handleLimit;
            Instant due = plus(start, limit);
            c.handlingDueAt = due;
            Instant end = waitsIn(Waiting.HANDLE) ? null : finish(Step.HANDLE, group(department), start, limit, slow ? 0.5 : 0.12);
            if (end == null) {
                // co-departments still at work (a joint case's lead not done by now): they started with the lead
                coAtWork = co.isEmpty() || target == null ? List.of() : co;
                open(Step.HANDLE, "SubProcess_JointHandling", start, group(department), handlingVariables());
                return null;
            }
            fact(Step.HANDLE, department, start, limit, end, outcome, null, rework, "RETURN".equals(outcome));
            String who = member(department);
            switch (outcome) {
                case "RETURN" -> {
                    entry(end, who, "HANDLE", "COMPLETED", "RETURN", null, "returnReason: 不属于本部门职责");
                    c.returnCount++;
                    c.status = "DISPATCHING";
                }
                case "EXTENSION" -> {
                    entry(end, who, "HANDLE", "COMPLETED", "EXTENSION", null, "extensionDays: 3\nextensionReason: 需采购材料");
                    c.status = "APPROVING";
                }
                case "HOLD" -> {
                    entry(end, who, "HANDLE", "COMPLETED", "HOLD", null, "holdReason: 需纳入年度改造计划");
                    c.status = "APPROVING";
                }
                default -> {
                    entry(end, who, "HANDLE", "COMPLETED", "FEEDBACK", null, "feedback: 已处置完毕");
                    c.status = "CHECKING";
                }
            }
            return end;
        }

        /** The lead's decision on the way to the step a case kept open waits in: the request it waits on, else feedback. */
        private String forcedOutcome(boolean extended, boolean held) {
            if (waitsIn(Waiting.APPROVE_EXTENSION) && !extended) {
                return "EXTENSION";
            }
            boolean hold = waitsIn(Waiting.APPROVE_HOLD) || waitsIn(Waiting.ON_HOLD) || waitsIn(Waiting.REVIEW_HOLD);
            return hold && !held ? "HOLD" : "FEEDBACK";
        }

        private Map<String, Object> handlingVariables() {
            Map<String, Object> v = new HashMap<>();
            v.put(CaseVariables.REGISTER_DECISION, "REGISTER");
            v.put(CaseVariables.DEPARTMENT, department);
            v.put(CaseVariables.CO_DEPARTMENTS, String.join(",", co));
            v.put(CaseVariables.LEAD_AT_WORK, true);
            v.put(CaseVariables.CO_DEPARTMENTS_AT_WORK, String.join(",", coAtWork));
            v.put(CaseVariables.HANDLE_ASSIGNEE, null);
            v.put(CaseVariables.HANDLE_LIMIT, handleLimit);
            v.put(CaseVariables.HANDLE_STAGE, stage);
            if (!stages.isEmpty()) {
                v.put(CaseVariables.HANDLE_STAGE_NAME, stages.get(stage - 1).name());
            }
            return v;
        }

        /** The handling time left at {@code at} before the handling step's due date (none when past it). */
        private TimeLimit left(Instant at) {
            return workingTime.asDaysAndHours(workingTime.between(at, c.handlingDueAt));
        }

        private Instant approveExtension(Instant start) {
            String limit = (String) limits.get(CaseVariables.APPROVAL_LIMIT);
            Instant end = waitsIn(Waiting.APPROVE_EXTENSION) ? null : finish(Step.APPROVE_EXTENSION, "supervisor", start, limit, 0.03);
            if (end == null) {
                Map<String, Object> v = handlingVariables();
                v.put(CaseVariables.HANDLE_OUTCOME, "EXTENSION");
                v.put(CaseVariables.EXTENSION_DAYS, 3);
                v.put(CaseVariables.EXTENSION_REASON, "需采购材料");
                open(Step.APPROVE_EXTENSION, CaseLoop.TASK_APPROVE_EXTENSION + ",Gateway_JoinJointWork", start, "supervisor", v);
                return null;
            }
            boolean approved = r.nextDouble() < 0.85;
            int days = 1 + r.nextInt(3);
            fact(Step.APPROVE_EXTENSION, department, start, limit, end, approved ? "APPROVED" : "REFUSED", approved ? days : null, false,
                    false);
            entry(end, supervisor(), "APPROVE_EXTENSION", "COMPLETED", approved ? "APPROVED" : "REFUSED", null,
                    approved ? "approvedDays: " + days : null);
            if (approved) {
                TimeLimit left = left(end);
                handleLimit = new TimeLimit(left.days() + days, left.time()).toString();
                c.extensionCount++;
                entry(end, SYSTEM, "HANDLE", "EXTENDED", "P" + days + "D", null, handleLimit);
            }
            c.status = "HANDLING";
            return end;
        }

        private Instant approveHold(Instant start) {
            String limit = (String) limits.get(CaseVariables.APPROVAL_LIMIT);
            Instant end = waitsIn(Waiting.APPROVE_HOLD) ? null : finish(Step.APPROVE_HOLD, "supervisor", start, limit, 0.03);
            if (end == null) {
                Map<String, Object> v = handlingVariables();
                v.put(CaseVariables.HANDLE_OUTCOME, "HOLD");
                v.put(CaseVariables.HOLD_REASON, "需纳入年度改造计划");
                open(Step.APPROVE_HOLD, CaseLoop.TASK_APPROVE_HOLD + ",Gateway_JoinJointWork", start, "supervisor", v);
                return null;
            }
            boolean approved = r.nextDouble() < 0.9 || target != null;
            fact(Step.APPROVE_HOLD, department, start, limit, end, approved ? "APPROVED" : "REFUSED", null, false, false);
            entry(end, supervisor(), "APPROVE_HOLD", "COMPLETED", approved ? "APPROVED" : "REFUSED", null, null);
            if (!approved) {
                c.status = "HANDLING";
                return end;
            }
            TimeLimit left = left(end);
            boolean none = left.days() == 0 && left.time().isZero();
            handleLimit = none ? "PT1M" : left.toString();
            entry(end, SYSTEM, "HANDLE", "HELD", null, null, left.toString());
            c.status = "ON_HOLD";
            // on hold for some working days, released before its review date
            String review = (String) limits.get(CaseVariables.HOLD_REVIEW_LIMIT);
            Instant due = plus(end, review);
            Instant release = workingTime.plus(end, new TimeLimit(3 + r.nextInt(25), Duration.ofMinutes(r.nextInt(400))));
            if (release.isAfter(due)) {
                release = due.minusSeconds(60);
            }
            if (waitsIn(Waiting.REVIEW_HOLD)) {
                // the review date came: the hold's wait ends without a decision and a supervisor reviews it
                fact(Step.ON_HOLD, department, end, review, due, null, null, false, false);
                Map<String, Object> v = handlingVariables();
                v.put(CaseVariables.HANDLE_OUTCOME, "HOLD");
                v.put(CaseVariables.HOLD_REASON, "需纳入年度改造计划");
                v.put(CaseVariables.HOLD_DECISION, "APPROVED");
                open(Step.REVIEW_HOLD, CaseLoop.TASK_REVIEW_HOLD + ",Gateway_JoinJointWork", due, "supervisor", v);
                return null;
            }
            if (release.isAfter(now) || waitsIn(Waiting.ON_HOLD)) {
                Map<String, Object> v = handlingVariables();
                v.put(CaseVariables.HANDLE_OUTCOME, "HOLD");
                v.put(CaseVariables.HOLD_REASON, "需纳入年度改造计划");
                v.put(CaseVariables.HOLD_DECISION, "APPROVED");
                open(Step.ON_HOLD, CaseLoop.TASK_ON_HOLD + ",Gateway_JoinJointWork", end, group(department), v);
                return null;
            }
            fact(Step.ON_HOLD, department, end, review, release, "DONE", null, false, false);
            entry(release, member(department), "ON_HOLD", "COMPLETED", null, null, "resumeNote: 条件已具备");
            entry(release, SYSTEM, "HANDLE", "RESUMED", null, null, handleLimit);
            c.status = "HANDLING";
            return release;
        }

        private Instant nextStage(Instant at) {
            HandlingStage finished = stages.get(stage - 1);
            HandlingStage next = stages.get(stage);
            stage++;
            handleLimit = next.limit();
            entry(at, SYSTEM, "HANDLE", "STAGE_DONE", finished.name(), null,
                    "%s (%d/%d) %s".formatted(next.name(), stage, stages.size(), next.limit()));
            return at;
        }

        private Instant check(Instant start) {
            String limit = (String) limits.get(CaseVariables.CHECK_LIMIT);
            Instant end = waitsIn(Waiting.CHECK) ? null : finish(Step.CHECK, "grid-worker", start, limit, 0.04);
            if (end == null) {
                Map<String, Object> v = handlingVariables();
                v.put(CaseVariables.HANDLE_OUTCOME, "FEEDBACK");
                open(Step.CHECK, CaseLoop.TASK_CHECK, start, "grid-worker", v);
                return null;
            }
            boolean passed = r.nextDouble() >= 0.05 || target != null;
            fact(Step.CHECK, department, start, limit, end, passed ? "PASSED" : "FAILED", null, false, false);
            entry(end, gridWorker(), "CHECK", "COMPLETED", passed ? "PASSED" : "FAILED", passed ? "已整改到位" : "现场仍未整改到位", null);
            if (!passed) {
                stopped = true;
                c.status = "HANDLING";
                if (!co.isEmpty()) {
                    entry(end, SYSTEM, "CHECK", "REWORK", null, null, department);
                }
            }
            return end;
        }

        private Instant callback(Instant start) {
            if ("GRID_WORKER".equals(c.channel)) {
                return start;
            }
            String limit = (String) limits.get(CaseVariables.CALLBACK_LIMIT);
            c.status = "CALLBACK";
            if (waitsIn(Waiting.AWAIT_RATING)) {
                // mailed the rating link when the check passed; the callback asks only if no rating comes in time
                Map<String, Object> v = handlingVariables();
                v.put(CaseVariables.CHECK_RESULT, "PASSED");
                v.put(CaseVariables.CITIZEN_RATES, true);
                open(Step.CALLBACK, CaseLoop.TASK_AWAIT_RATING, start, null, v);
                return null;
            }
            Instant end = waitsIn(Waiting.CALLBACK) ? null : finish(Step.CALLBACK, "intake", start, limit, 0.04);
            if (end == null) {
                Map<String, Object> v = handlingVariables();
                v.put(CaseVariables.CHECK_RESULT, "PASSED");
                open(Step.CALLBACK, CaseLoop.TASK_CALLBACK, start, "intake", v);
                return null;
            }
            double x = r.nextDouble();
            String answer = waitsIn(Waiting.REVIEW_DISSATISFACTION) ? "DISSATISFIED" : target != null ? "SATISFIED"
                    : x < (slow ? 0.6 : 0.78) ? "SATISFIED" : x < 0.9 ? "BASICALLY_SATISFIED" : x < 0.96 ? "DISSATISFIED" : "UNREACHABLE";
            fact(Step.CALLBACK, department, start, limit, end, answer, null, false, false);
            entry(end, intake(), "CALLBACK", "COMPLETED", answer, null,
                    "DISSATISFIED".equals(answer) ? "dissatisfactionReason: 处理太慢" : null);
            c.satisfaction = answer;
            if (!"DISSATISFIED".equals(answer)) {
                return end;
            }
            String reviewLimit = (String) limits.get(CaseVariables.APPROVAL_LIMIT);
            Instant reviewed = waitsIn(Waiting.REVIEW_DISSATISFACTION) ? null
                    : finish(Step.REVIEW_DISSATISFACTION, "dispatcher", end, reviewLimit, 0.03);
            if (reviewed == null) {
                Map<String, Object> v = handlingVariables();
                v.put(CaseVariables.CHECK_RESULT, "PASSED");
                v.put(CaseVariables.SATISFACTION, "DISSATISFIED");
                v.put(CaseVariables.DISSATISFACTION_REASON, "处理太慢");
                open(Step.REVIEW_DISSATISFACTION, CaseLoop.TASK_REVIEW_DISSATISFACTION, end, "dispatcher", v);
                return null;
            }
            boolean accepted = r.nextDouble() < 0.35;
            fact(Step.REVIEW_DISSATISFACTION, department, end, reviewLimit, reviewed, accepted ? "ACCEPTED" : "NOT_ACCEPTED", null, false,
                    false);
            entry(reviewed, dispatcher(), "REVIEW_DISSATISFACTION", "COMPLETED", accepted ? "ACCEPTED" : "NOT_ACCEPTED", null, null);
            if (accepted) {
                stopped = true;
                c.status = "HANDLING";
            }
            return reviewed;
        }

        private void file(Instant at) {
            entry(at, SYSTEM, "FILE", "FILED", null, null, null);
            close("FILED", at);
        }

        private void close(String status, Instant at) {
            c.status = status;
            c.closedAt = at;
            c.updatedAt = at;
        }

        // ---- time, facts and the deadlines' marks

        /**
         * When a step ends: mostly within its limit (late with the given probability, now and then very late); null when
         * that is after now, the case then waits in this step. The deadline's marks of a finished step are written here,
         * as its timers would have: warning, overdue with its reminder, and for handling the escalation chain.
         */
        private Instant finish(Step step, String group, Instant start, String limit, double lateness) {
            Duration length = workingTime.length(limit(limit));
            // late with the given probability, and then now and then stuck for long (more often in the slow department)
            double factor = r.nextDouble() < lateness
                    ? (r.nextDouble() < (slow ? 0.35 : 0.12) ? 3 + r.nextDouble() * 5 : 1.05 + r.nextDouble() * 1.5)
                    : 0.2 + r.nextDouble() * 0.78;
            Instant end = workingTime.plus(start, workingTime.asDaysAndHours(Duration.ofSeconds(Math.max(60,
                    (long) (length.toSeconds() * factor)))));
            if (end.isAfter(now)) {
                return null;
            }
            marks(step, group, start, limit, end, true, c.timeline, c.orders);
            c.updatedAt = end;
            return end;
        }

        /**
         * The marks a step's timers left by {@code end} (its finish, or now for the step a case waits in): warning,
         * overdue with its reminder, and for handling the escalation chain's orders, closed when the step ended.
         */
        private void marks(Step step, String group, Instant start, String limit, Instant end, boolean finished,
                           List<HistoryCase.Entry> entries, List<HistoryCase.Order> orders) {
            if (step == Step.ON_HOLD) {
                return;
            }
            Instant warn = warningAt(start, limit);
            Instant due = plus(start, limit);
            if (warn.isBefore(end)) {
                entries.add(new HistoryCase.Entry(warn, SYSTEM, step.name(), "WARNING", null, null, null));
            }
            if (!due.isBefore(end)) {
                return;
            }
            entries.add(new HistoryCase.Entry(due, SYSTEM, step.name(), "OVERDUE", null, null, null));
            // addressed to the group working the case: the lead department's while its co-departments work too
            String recipient = step == Step.CO_HANDLE ? group(department) : group;
            Instant closed = finished ? end : null;
            order(step, "REMINDER", "DEPARTMENT", "OVERDUE", null, recipient, due, due, closed, entries, orders);
            if (step == Step.HANDLE || step == Step.CO_HANDLE) {
                for (Rung rung : district.escalation()) {
                    Instant at = plus(start, escalations.computeIfAbsent(limit + "/" + rung.level(),
                            k -> district.escalationAfter().apply(limit, rung.level())));
                    if (at.isBefore(end)) {
                        order(step, rung.kind(), rung.orderLevel(), rung.cause(), issuers.computeIfAbsent(rung.level() + "/" + c.streetCode,
                                k -> rung.issuerOfStreet().apply(c.streetCode)), recipient, at,
                                due, closed, entries, orders);
                    }
                }
            }
        }

        private void order(Step step, String kind, String level, String cause, String issuer, String recipient, Instant at, Instant due,
                           Instant closed, List<HistoryCase.Entry> entries, List<HistoryCase.Order> orders) {
            boolean answered = !"REMINDER".equals(kind);
            Instant answerDue = answered ? workingTime.plus(at, answerWithin) : null;
            orders.add(new HistoryCase.Order(step.name(), kind, level, recipient, at, cause, issuer, answerDue, closed,
                    "%d:%s:%s:%s:%s".formatted(c.id, step.name(), kind, level, due)));
            String title = "REMINDER".equals(kind) ? "超期催办" : "NOTICE".equals(kind) ? "通报" : "ESCALATED".equals(cause) ? "升级督办" : "超期督办";
            entries.add(new HistoryCase.Entry(at, SYSTEM, step.name(), kind, level, null, title + " → " + recipient
                    + (answerDue == null ? "" : " · 答复期限 " + MINUTE.format(answerDue.atZone(zone)))));
            if (answered && closed != null) {
                entries.add(new HistoryCase.Entry(closed, SYSTEM, step.name(), "SUPERVISION_CLOSED", "STEP_DONE", null, title));
            }
        }

        private void fact(Step step, String dept, Instant start, String limit, Instant end, String outcome, Integer days, boolean rework,
                          boolean returned) {
            c.facts.add(new HistoryCase.Fact(step.name(), dept, start, plus(start, limit), end, outcome,
                    workingTime.between(start, end).toSeconds(), days, rework, returned));
        }

        private void entry(Instant at, String actor, String step, String action, String decision, String comment, String details) {
            c.timeline.add(new HistoryCase.Entry(at, actor, step, action, decision, comment, details));
        }

        /** The case waits in this step now: a process instance takes it up from here. */
        private void open(Step step, String activity, Instant start, String group, Map<String, Object> decided) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put(CaseVariables.CASE_ID, c.id);
            v.put(CaseVariables.CHANNEL, c.channel);
            v.put(CaseVariables.URGENCY, c.urgency);
            v.put(CaseVariables.CATEGORY_CODE, c.categoryCode);
            v.put(CaseVariables.SUBCATEGORY_CODE, c.subcategoryCode);
            v.put(CaseVariables.GRID_CODE, c.gridCode);
            v.put(CaseVariables.STREET_CODE, c.streetCode);
            v.put(CaseVariables.SELF_RESOLVED, c.selfResolved);
            if (activity != null) {
                // started past the start event: the limits ${applyTimeLimits} would have set, and what was decided since
                v.putAll(limits);
                v.putAll(decided);
            }
            c.status = step.status().name();
            if (CaseLoop.TASK_AWAIT_RATING.equals(activity)) {
                // no official's step and no deadline: the rating's time runs out into the callback
                c.open = new HistoryCase.Open(step.name(), activity, start, workingTime.plus(start, ratingWithin), null, v);
                // as ${askCitizenRating} writes it (the process instance started for the step writes its own)
                c.openTimeline.add(new HistoryCase.Entry(start, SYSTEM, "CALLBACK", "RATING_ASKED", null, null, null));
                return;
            }
            String limit = step == Step.HANDLE || step == Step.CO_HANDLE ? handleLimit : (String) limits.get(step.limitVariable());
            c.open = new HistoryCase.Open(step.name(), activity, start, plus(start, limit), group, v);
            c.openWarning = step != Step.ON_HOLD && !warningAt(start, limit).isAfter(now);
            c.openOverdue = step != Step.ON_HOLD && !c.open.due().isAfter(now);
            marks(step, group, start, limit, now, false, c.openTimeline, c.openOrders);
            if (step == Step.HANDLE || step == Step.ON_HOLD || step == Step.APPROVE_EXTENSION || step == Step.APPROVE_HOLD) {
                c.handlingDueAt = step == Step.HANDLE ? c.open.due() : c.handlingDueAt;
            }
        }

        // ---- who

        private String gridWorker() {
            return place.gridWorker() != null ? place.gridWorker() : who("grid-worker");
        }

        private String intake() {
            return who("intake");
        }

        private String dispatcher() {
            return who("dispatcher");
        }

        private String supervisor() {
            return who("supervisor");
        }

        /** An official of the group who may work its task at this case's place ({@code system} when nobody may). */
        private String who(String group) {
            List<String> members = district.members().apply(group, place);
            return members.isEmpty() ? SYSTEM : pick(r, members);
        }

        private String group(String dept) {
            return district.departmentGroup().apply(dept);
        }

        private String member(String dept) {
            return who(group(dept));
        }
    }
}
