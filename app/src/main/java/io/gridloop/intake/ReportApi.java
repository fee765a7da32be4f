package io.gridloop.intake;

import io.gridloop.casefile.CaseRecord;
import io.gridloop.security.CurrentOfficial;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Reports through the JSON API (a grid worker's phone, a hotline system): the same intake as the report page. */
@RestController
@RequestMapping("/api")
public class ReportApi {

    private final ReportService reports;
    private final CurrentOfficial official;

    public ReportApi(ReportService reports, CurrentOfficial official) {
        this.reports = reports;
        this.official = official;
    }

    @PostMapping("/reports")
    public ResponseEntity<CaseRecord> report(@RequestBody Report report) {
        CaseRecord c = reports.report(report, official.require().userId());
        return ResponseEntity.created(URI.create("/api/cases/" + c.caseNumber())).body(c);
    }
}
