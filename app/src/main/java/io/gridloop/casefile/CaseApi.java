package io.gridloop.casefile;

import io.gridloop.security.AccessScopes;
import io.gridloop.security.CurrentOfficial;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A case and its timeline through the JSON API, within the caller's scope like the case page. */
@RestController
@RequestMapping("/api/cases")
public class CaseApi {

    public record CaseFile(CaseRecord caseRecord, List<TimelineEntry> timeline) {}

    private final CaseFileService cases;
    private final CaseTimeline timeline;
    private final CurrentOfficial official;
    private final AccessScopes scopes;

    public CaseApi(CaseFileService cases, CaseTimeline timeline, CurrentOfficial official, AccessScopes scopes) {
        this.cases = cases;
        this.timeline = timeline;
        this.official = official;
        this.scopes = scopes;
    }

    @GetMapping("/{caseNumber}")
    public CaseFile get(@PathVariable String caseNumber) {
        CaseRecord c = cases.findByNumber(caseNumber, scopes.of(official.require()))
                .orElseThrow(() -> new CaseNotFoundException(caseNumber));
        return new CaseFile(c, timeline.timeline(c.id()));
    }
}
