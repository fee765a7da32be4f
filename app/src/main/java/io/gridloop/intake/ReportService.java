package io.gridloop.intake;

import io.gridloop.casefile.Attachments;
import io.gridloop.casefile.CaseFileService;
import io.gridloop.casefile.CaseLoop;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.casefile.CaseRuleException;
import io.gridloop.casefile.CaseVariables;
import io.gridloop.casefile.Channel;
import io.gridloop.casefile.NewAttachment;
import io.gridloop.casefile.NewCase;
import io.gridloop.casefile.Urgency;
import io.gridloop.grid.Category;
import io.gridloop.grid.Grid;
import io.gridloop.grid.ReferenceData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.beans.factory.annotation.Value;
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

    private final CaseFileService cases;
    private final ReferenceData reference;
    private final RuntimeService runtime;
    private final long maxPhotoBytes;

    public ReportService(CaseFileService cases, ReferenceData reference, RuntimeService runtime,
                         @Value("${gridloop.attachments.max-bytes:10485760}") long maxPhotoBytes) {
        this.cases = cases;
        this.reference = reference;
        this.runtime = runtime;
        this.maxPhotoBytes = maxPhotoBytes;
    }

    @Transactional
    /** The largest photo accepted, in bytes: the upload refuses a larger one before it is sent. */
    public long maxPhotoBytes() {
        return maxPhotoBytes;
    }

    /** Characters still allowed in a description as typed (negative when it is too long), measured as the report is. */
    public static int descriptionLeft(String description) {
        return MAX_DESCRIPTION - (description == null ? 0 : description.strip().length());
    }

    public CaseRecord report(Report report, String reportedBy) {
        List<ReportRejectedException.Problem> problems = new ArrayList<>();
        Channel channel = report.channel() == null ? Channel.GRID_WORKER : report.channel();
        Urgency urgency = report.urgency() == null ? Urgency.NORMAL : report.urgency();

        Optional<Category> sub = reference.subcategory(report.subcategoryCode());
        if (sub.isEmpty()) {
            problems.add(new ReportRejectedException.Problem("subcategory", "error.report.categoryMissing"));
        } else if (report.categoryCode() != null && !report.categoryCode().equals(sub.get().parentCode())) {
            problems.add(new ReportRejectedException.Problem("subcategory", "error.report.categoryMismatch"));
        }
        Optional<Grid> grid = locate(report, problems);
        String description = report.description() == null ? "" : report.description().strip();
        if (description.isEmpty()) {
            problems.add(new ReportRejectedException.Problem("description", "error.report.descriptionMissing"));
        } else if (description.length() > MAX_DESCRIPTION) {
            problems.add(new ReportRejectedException.Problem("description", "error.report.descriptionTooLong", MAX_DESCRIPTION));
        }
        if (report.selfResolved() && channel != Channel.GRID_WORKER) {
            problems.add(new ReportRejectedException.Problem("selfResolved", "error.report.selfResolvedGridWorkerOnly"));
        }
        if (report.reporterEmail() != null && !report.reporterEmail().isBlank()
                && !report.reporterEmail().matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")) {
            problems.add(new ReportRejectedException.Problem("reporterEmail", "error.report.emailInvalid"));
        }
        List<Report.Photo> photos = report.photos() == null ? List.of() : report.photos();
        if (photos.size() > MAX_PHOTOS) {
            problems.add(new ReportRejectedException.Problem("photos", "error.report.tooManyPhotos", MAX_PHOTOS));
        }
        if (report.selfResolved() && photos.isEmpty()) {
            problems.add(new ReportRejectedException.Problem("photos", "error.report.selfResolvedNeedsEvidence"));
        }
        List<NewAttachment> attachments = new ArrayList<>();
        for (Report.Photo p : photos) {
            try {
                attachments.add(Attachments.checkedPhoto("reportPhotos", p.fileName(), p.content(), maxPhotoBytes));
            } catch (CaseRuleException e) {
                problems.add(new ReportRejectedException.Problem("photos", e.messageKey(), e.args()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ReportRejectedException(problems);
        }

        Category subcategory = sub.orElseThrow();
        Grid g = grid.orElseThrow();
        CaseRecord opened = cases.open(new NewCase(channel, urgency, subcategory.parentCode(), subcategory.code(),
                subcategory.kind().name(), g.code(), g.communityCode(), g.streetCode(), description, blankToNull(report.address()),
                report.longitude(), report.latitude(), blankToNull(report.reporterName()), blankToNull(report.reporterPhone()),
                blankToNull(report.reporterEmail()), reportedBy, report.selfResolved()));
        cases.addTimeline(opened.id(), reportedBy, "REPORT", "REPORTED", channel.name(), null, null, attachments);

        Map<String, Object> variables = new HashMap<>();
        variables.put(CaseVariables.CASE_ID, opened.id());
        variables.put(CaseVariables.CHANNEL, channel.name());
        variables.put(CaseVariables.URGENCY, urgency.name());
        variables.put(CaseVariables.CATEGORY_CODE, subcategory.parentCode());
        variables.put(CaseVariables.SUBCATEGORY_CODE, subcategory.code());
        variables.put(CaseVariables.GRID_CODE, g.code());
        variables.put(CaseVariables.STREET_CODE, g.streetCode());
        variables.put(CaseVariables.SELF_RESOLVED, report.selfResolved());
        ProcessInstance instance = runtime.startProcessInstanceByKey(CaseLoop.PROCESS_ID, opened.caseNumber(), variables);
        cases.attachProcess(opened.id(), instance.getId());
        return cases.get(opened.id());
    }

    private Optional<Grid> locate(Report report, List<ReportRejectedException.Problem> problems) {
        if (report.gridCode() != null && !report.gridCode().isBlank()) {
            Optional<Grid> g = reference.grid(report.gridCode());
            if (g.isEmpty()) {
                problems.add(new ReportRejectedException.Problem("location", "error.report.gridUnknown", report.gridCode()));
            }
            return g;
        }
        if (report.longitude() == null || report.latitude() == null) {
            problems.add(new ReportRejectedException.Problem("location", "error.report.locationMissing"));
            return Optional.empty();
        }
        Optional<Grid> g = reference.locate(report.longitude(), report.latitude());
        if (g.isEmpty()) {
            problems.add(new ReportRejectedException.Problem("location", "error.report.outsideGrids"));
        }
        return g;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
