package io.gridloop.notify;

import io.gridloop.casefile.CaseFileService;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.process.CaseFiled;
import io.gridloop.process.CaseNotConfirmed;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells a reporter who left an address how their report ended. Plain {@code @EventListener}s: they run in the engine's
 * transaction, so the mail is in the outbox exactly when the case's end is committed.
 */
@Component
public class ReporterMail {

    private final CaseFileService cases;
    private final Outbox outbox;

    public ReporterMail(CaseFileService cases, Outbox outbox) {
        this.cases = cases;
        this.outbox = outbox;
    }

    @EventListener
    public void filed(CaseFiled event) {
        CaseRecord c = cases.get(event.caseId());
        if (c.reporterEmail() != null) {
            outbox.toAddress("filed:" + c.id(), c.reporterEmail(), "mail.filed", null, c.caseNumber(), c.description());
        }
        // the reporters of the reports merged into this case hear the outcome too, each about their own report
        for (CaseRecord merged : cases.mergedInto(c.caseNumber())) {
            if (merged.reporterEmail() != null) {
                outbox.toAddress("filed:" + c.id() + ":" + merged.id(), merged.reporterEmail(), "mail.filedMerged",
                        "/track/" + merged.trackingCode(), merged.caseNumber(), merged.description(), c.caseNumber());
            }
        }
    }

    @EventListener
    public void notConfirmed(CaseNotConfirmed event) {
        CaseRecord c = cases.get(event.caseId());
        if (c.reporterEmail() != null) {
            outbox.toAddress("notConfirmed:" + c.id(), c.reporterEmail(), "mail.notConfirmed", "/track/" + c.trackingCode(),
                    c.caseNumber(), c.description());
        }
    }
}
