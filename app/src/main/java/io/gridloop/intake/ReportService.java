package io.gridloop.intake;

import io.gridloop.casefile.Attachments;
import io.gridloop.casefile.CaseFileService;
import io.gridloop.process.CaseLoop;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.CaseRuleException;
import io.gridloop.process.CaseVariables;
import io.gridloop.casefile.Channel;
import io.gridloop.casefile.NewAttachment;
import io.gridloop.casefile.NewCase;
import io.gridloop.casefile.Urgency;
import io.gridloop.grid.Category;
import io.gridloop.grid.GridCell;
import io.gridloop.grid.ReferenceData;
import io.gridloop.security.AccessScopes;
import io.gridloop.security.Roles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns a report into a case: checks it, opens the case file with the photos on its timeline and starts the case loop,
 * all in one transaction, so that a report is either a case in the loop or nothing at all.
 */
@Service
public class ReportService {

    public static final int MAX_DESCRIPTION = 4000;
    public static final int MAX_PHOTOS = 9;
    // the columns of gl_case (V1): checked here, so that a long value is a message, not a database error
    public static final int MAX_ADDRESS = 400;
    public static final int MAX_REPORTER_NAME = 100;
    public static final int MAX_REPORTER_PHONE = 40;
    public static final int MAX_REPORTER_EMAIL = 200;
    /** The answer of a call settled on the phone (即办), as its timeline entry holds it. */
    public static final int MAX_ANSWER = 2000;

    private final CaseFileService cases;
    private final ReferenceData reference;
    private final RuntimeService runtime;
    private final IdentityService identity;
    private final Attachments photoCheck;
    private final io.gridloop.duplicate.DuplicateSearch duplicates;
    private final io.gridloop.security.AccessScopes scopes;
    private final io.gridloop.casefile.CaseSearch search;
    private final io.gridloop.casefile.CaseTimeline timeline;
    private final io.gridloop.casefile.CaseTransitions transitions;

    public ReportService(CaseFileService cases, ReferenceData reference, RuntimeService runtime, IdentityService identity,
                         Attachments photoCheck, io.gridloop.duplicate.DuplicateSearch duplicates,
                         io.gridloop.security.AccessScopes scopes, io.gridloop.casefile.CaseSearch search,
                         io.gridloop.casefile.CaseTimeline timeline, io.gridloop.casefile.CaseTransitions transitions) {
        this.search = search;
        this.timeline = timeline;
        this.transitions = transitions;
        this.duplicates = duplicates;
        this.scopes = scopes;
        this.cases = cases;
        this.reference = reference;
        this.runtime = runtime;
        this.identity = identity;
        this.photoCheck = photoCheck;
    }

    /**
     * The channels the reporter's role may report through, the first being the one a report without a channel gets: a
     * grid worker's own patrol (registered directly, may be self-resolved), an intake operator's hotline call or citizen
     * photo report (verified on site first). Decided here from the reporter's engine groups, so every door obeys it.
     */
    public List<Channel> channelsOf(String reporter) {
        List<String> groups = AccessScopes.groupsOf(identity, reporter);
        List<Channel> channels = new ArrayList<>();
        if (groups.contains(Roles.GRID_WORKER)) {
            channels.add(Channel.GRID_WORKER);
        }
        if (groups.contains(Roles.INTAKE)) {
            channels.add(Channel.HOTLINE);
            channels.add(Channel.CITIZEN);
        }
        return channels;
    }

    /** The largest photo accepted, in bytes: the upload refuses a larger one before it is sent. */
    public long maxPhotoBytes() {
        return photoCheck.maxBytes();
    }

    /** Characters still allowed in a description as typed (negative when it is too long), measured as the report is. */
    public static int descriptionLeft(String description) {
        return MAX_DESCRIPTION - (description == null ? 0 : description.strip().length());
    }

    /** An official's report: their role decides the channel ({@link #channelsOf}). */
    @Transactional
    public CaseRecord report(Report report, String reportedBy) {
        return report(report, reportedBy, channelsOf(reportedBy), false).report();
    }

    /**
     * A report that came in through a public door (Open311, citizens' own pages): always a citizen's (随手拍), so it is
     * verified on site first, whatever channel the request names; {@code door} names the door on the timeline.
     */
    @Transactional
    public CaseRecord reportFromPublic(Report report, String door) {
        return report(report, door, List.of(Channel.CITIZEN), false).report();
    }

    /**
     * A public report as {@link #reportFromPublic}, except that a report near an open case of the same subcategory
     * ({@link io.gridloop.duplicate.DuplicateSearch#sameKindNear}) is not opened as a new case to be worked: it joins that
     * case as one of its reporters (merged, hears when it is filed), and the answer names the case already being handled.
     */
    @Transactional
    public PublicReport reportFromPublicJoiningOpenCase(Report report, String door) {
        return report(report, door, List.of(Channel.CITIZEN), true);
    }

    /** A public report's outcome: the report's own case file and, when it joined one, the open case already being handled. */
    public record PublicReport(CaseRecord report, Optional<CaseRecord> alreadyHandled) {}

    /** The caller's earlier cases that the official may see, newest first: matched by the phone's digits (7 at least). */
    public List<CaseRecord> callerHistory(String phone, String official) {
        String digits = phone == null ? "" : phone.replaceAll("[^0-9]", "");
        if (digits.length() < 7) {
            return List.of();
        }
        return search.search(new io.gridloop.casefile.CaseQuery(null, null, null, null, null, null, null, null, null, null, digits,
                0, 20), scopes.ofUser(official));
    }

    /** Open cases near a point that the official may see, the nearest first: the hotline checks them before a new case. */
    public List<io.gridloop.duplicate.Duplicate> openCasesNear(Double longitude, Double latitude, String description,
                                                              String official) {
        if (longitude == null || latitude == null || !Double.isFinite(longitude) || !Double.isFinite(latitude)) {
            return List.of();
        }
        return duplicates.openNear(longitude, latitude, description, scopes.ofUser(official));
    }

    private PublicReport report(Report report, String reportedBy, List<Channel> allowed, boolean joinOpenCase) {
        List<ReportRefusedException.Problem> problems = new ArrayList<>();
        Channel channel = channel(report.channel(), allowed, problems);
        Urgency urgency = report.urgency() == null ? Urgency.NORMAL : report.urgency();

        Optional<Category> sub = reference.subcategory(report.subcategoryCode());
        if (sub.isEmpty()) {
            problems.add(new ReportRefusedException.Problem("subcategory", "error.report.categoryMissing"));
        } else if (report.categoryCode() != null && !report.categoryCode().equals(sub.get().parentCode())) {
            problems.add(new ReportRefusedException.Problem("subcategory", "error.report.categoryMismatch"));
        }
        Optional<GridCell> grid = locate(report, problems);
        String description = report.description() == null ? "" : report.description().strip();
        if (description.isEmpty()) {
            problems.add(new ReportRefusedException.Problem("description", "error.report.descriptionMissing"));
        } else if (description.length() > MAX_DESCRIPTION) {
            problems.add(new ReportRefusedException.Problem("description", "error.report.descriptionTooLong", MAX_DESCRIPTION));
        }
        if (report.selfResolved() && channel != Channel.GRID_WORKER) {
            problems.add(new ReportRefusedException.Problem("selfResolved", "error.report.selfResolvedGridWorkerOnly"));
        }
        if (report.reporterEmail() != null && !report.reporterEmail().isBlank()
                && !report.reporterEmail().matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")) {
            problems.add(new ReportRefusedException.Problem("reporterEmail", "error.report.emailInvalid"));
        }
        String answer = blankToNull(report.answer());
        if (channel == Channel.HOTLINE) {
            // the operator says who called: a number to call back, or that the caller stays anonymous; never neither, never both
            boolean anonymous = Boolean.TRUE.equals(report.callerAnonymous());
            boolean phone = report.reporterPhone() != null && !report.reporterPhone().isBlank();
            if (!anonymous && !phone) {
                problems.add(new ReportRefusedException.Problem("reporterPhone", "error.report.callerPhoneOrAnonymous"));
            } else if (anonymous && phone) {
                problems.add(new ReportRefusedException.Problem("reporterPhone", "error.report.anonymousWithPhone"));
            }
        } else if (answer != null) {
            problems.add(new ReportRefusedException.Problem("answer", "error.report.answerHotlineOnly"));
        }
        fits(problems, "answer", answer, MAX_ANSWER, "error.report.answerTooLong");
        fits(problems, "address", report.address(), MAX_ADDRESS, "error.report.addressTooLong");
        fits(problems, "reporterName", report.reporterName(), MAX_REPORTER_NAME, "error.report.reporterNameTooLong");
        fits(problems, "reporterPhone", report.reporterPhone(), MAX_REPORTER_PHONE, "error.report.reporterPhoneTooLong");
        fits(problems, "reporterEmail", report.reporterEmail(), MAX_REPORTER_EMAIL, "error.report.reporterEmailTooLong");
        List<Report.Photo> photos = report.photos() == null ? List.of() : report.photos();
        List<Report.Photo> afterPhotos = report.afterPhotos() == null ? List.of() : report.afterPhotos();
        if (photos.size() > MAX_PHOTOS) {
            problems.add(new ReportRefusedException.Problem("photos", "error.report.tooManyPhotos", MAX_PHOTOS));
        }
        if (afterPhotos.size() > MAX_PHOTOS) {
            problems.add(new ReportRefusedException.Problem("afterPhotos", "error.report.tooManyPhotos", MAX_PHOTOS));
        }
        // resolved on the spot: the problem as found and the work done, each on photos of its own, so the intake
        // operator and the evaluation compare them side by side
        if (report.selfResolved() && photos.isEmpty()) {
            problems.add(new ReportRefusedException.Problem("photos", "error.report.selfResolvedNeedsBefore"));
        }
        if (report.selfResolved() && afterPhotos.isEmpty()) {
            problems.add(new ReportRefusedException.Problem("afterPhotos", "error.report.selfResolvedNeedsEvidence"));
        }
        if (!report.selfResolved() && !afterPhotos.isEmpty()) {
            problems.add(new ReportRefusedException.Problem("afterPhotos", "error.report.afterPhotosOnlySelfResolved"));
        }
        List<NewAttachment> attachments = new ArrayList<>();
        photos(photos, "photos", Attachments.REPORT_PHOTOS, attachments, problems);
        photos(afterPhotos, "afterPhotos", Attachments.AFTER_PHOTOS, attachments, problems);
        if (!problems.isEmpty()) {
            throw new ReportRefusedException(problems);
        }

        Category subcategory = sub.orElseThrow();
        GridCell g = grid.orElseThrow();
        CaseRecord opened = cases.open(new NewCase(channel, urgency, subcategory.parentCode(), subcategory.code(),
                subcategory.kind().name(), g.code(), g.communityCode(), g.streetCode(), description, blankToNull(report.address()),
                report.longitude(), report.latitude(), blankToNull(report.reporterName()), blankToNull(report.reporterPhone()),
                blankToNull(report.reporterEmail()), reportedBy, report.selfResolved()));
        timeline.addTimeline(opened.id(), reportedBy, "REPORT", io.gridloop.casefile.TimelineAction.REPORTED, channel.name(), null, null, attachments);
        CaseRecord joined = joinOpenCase && report.longitude() != null
                ? duplicates.sameKindNear(subcategory.code(), subcategory.parentCode(), report.longitude(), report.latitude(), opened.id())
                .orElse(null)
                : null;

        Map<String, Object> variables = new HashMap<>();
        variables.put(CaseVariables.CASE_ID, opened.id());
        variables.put(CaseVariables.CHANNEL, channel.name());
        variables.put(CaseVariables.URGENCY, urgency.name());
        variables.put(CaseVariables.CATEGORY_CODE, subcategory.parentCode());
        variables.put(CaseVariables.SUBCATEGORY_CODE, subcategory.code());
        variables.put(CaseVariables.GRID_CODE, g.code());
        variables.put(CaseVariables.STREET_CODE, g.streetCode());
        variables.put(CaseVariables.SELF_RESOLVED, report.selfResolved());
        if (channel == Channel.HOTLINE && answer != null) {
            variables.put(CaseVariables.ANSWERED_ON_CALL, true);
            variables.put(CaseVariables.CALL_ANSWER, answer);
        }
        if (joined != null) {
            variables.put(CaseVariables.JOINED_CASE, joined.caseNumber());
        }
        // a citizen who left an e-mail gets the rating link; without one the callback asks, as for the hotline
        variables.put(CaseVariables.CITIZEN_RATES, channel == Channel.CITIZEN && blankToNull(report.reporterEmail()) != null);
        ProcessInstance instance = runtime.startProcessInstanceByKey(CaseLoop.PROCESS_ID, opened.caseNumber(), variables);
        transitions.attachProcess(opened.id(), instance.getId());
        return new PublicReport(cases.get(opened.id()), Optional.ofNullable(joined).map(j -> cases.get(j.id())));
    }

    private void photos(List<Report.Photo> photos, String field, String fieldKey, List<NewAttachment> attachments,
                        List<ReportRefusedException.Problem> problems) {
        for (int i = 0; i < photos.size(); i++) {
            Report.Photo p = photos.get(i);
            if (p == null) {
                problems.add(new ReportRefusedException.Problem(field, "error.photo.missing", i + 1));
                continue;
            }
            try {
                attachments.add(photoCheck.photo(fieldKey, p.fileName(), p.content()));
            } catch (CaseRuleException e) {
                problems.add(new ReportRefusedException.Problem(field, e.messageKey(), e.args()));
            }
        }
    }

    private static Channel channel(Channel asked, List<Channel> allowed, List<ReportRefusedException.Problem> problems) {
        if (allowed.isEmpty()) {
            problems.add(new ReportRefusedException.Problem("channel", "error.report.notAReporter"));
            return asked == null ? Channel.HOTLINE : asked;
        }
        if (asked == null) {
            return allowed.get(0);
        }
        // a channel the role may not use is refused, not silently replaced: the caller learns that its data was wrong
        if (!allowed.contains(asked)) {
            problems.add(new ReportRefusedException.Problem("channel",
                    allowed.contains(Channel.GRID_WORKER) ? "error.report.channelGridWorker" : "error.report.channelIntake"));
        }
        return asked;
    }

    private static void fits(List<ReportRefusedException.Problem> problems, String field, String value, int max, String key) {
        if (value != null && value.strip().length() > max) {
            problems.add(new ReportRefusedException.Problem(field, key, max));
        }
    }

    /**
     * The grid named or the grid of the point. A point must be finite and on the globe, and when a grid is named too it
     * must lie inside that grid; a named grid without a point is enough.
     */
    private Optional<GridCell> locate(Report report, List<ReportRefusedException.Problem> problems) {
        Double lng = report.longitude();
        Double lat = report.latitude();
        boolean named = report.gridCode() != null && !report.gridCode().isBlank();
        if (lng == null && lat == null) {
            if (!named) {
                problems.add(new ReportRefusedException.Problem("location", "error.report.locationMissing"));
                return Optional.empty();
            }
            return named(report.gridCode(), problems);
        }
        if (lng == null || lat == null) {
            problems.add(new ReportRefusedException.Problem("location", "error.report.pointIncomplete"));
            return Optional.empty();
        }
        if (!Double.isFinite(lng) || !Double.isFinite(lat) || Math.abs(lng) > 180 || Math.abs(lat) > 90) {
            problems.add(new ReportRefusedException.Problem("location", "error.report.pointInvalid"));
            return Optional.empty();
        }
        if (named) {
            Optional<GridCell> g = named(report.gridCode(), problems);
            // a point on the border two grids share lies in either: the named one is accepted
            if (g.isPresent() && !reference.covers(g.get().code(), lng, lat)) {
                problems.add(new ReportRefusedException.Problem("location", "error.report.pointOutsideGrid", report.gridCode()));
                return Optional.empty();
            }
            return g;
        }
        Optional<GridCell> located = reference.locate(lng, lat);
        if (located.isEmpty()) {
            problems.add(new ReportRefusedException.Problem("location", "error.report.outsideGrids"));
        }
        return located;
    }

    private Optional<GridCell> named(String gridCode, List<ReportRefusedException.Problem> problems) {
        Optional<GridCell> g = reference.grid(gridCode);
        if (g.isEmpty()) {
            problems.add(new ReportRefusedException.Problem("location", "error.report.gridUnknown", gridCode));
        }
        return g;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
