package io.gridloop.inbox;

import io.gridloop.security.CurrentOfficial;
import io.gridloop.security.Official;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The inbox through the JSON API: the caller's page, claim and complete, with the same scope, form check on the server
 * and timeline as the inbox views. A submission is the form's values; photos come base64-encoded per file field.
 */
@RestController
@RequestMapping("/api")
public class InboxApi {

    private final InboxPages pages;
    private final InboxService inbox;
    private final CurrentOfficial current;

    public InboxApi(InboxPages pages, InboxService inbox, CurrentOfficial current) {
        this.pages = pages;
        this.inbox = inbox;
        this.current = current;
    }

    @GetMapping("/inbox")
    public List<InboxTask> page(@RequestParam(defaultValue = "ALL") InboxQuery.Scope scope,
                                @RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "50") int limit) {
        Official o = current.require();
        return pages.page(o.userId(), o.groups(), InboxQuery.firstPage(scope).page(offset, limit));
    }

    @PostMapping("/tasks/{taskId}/claim")
    public ResponseEntity<Void> claim(@PathVariable String taskId) {
        Official o = current.require();
        inbox.claim(taskId, o.userId(), o.groups());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/tasks/{taskId}/complete")
    public ResponseEntity<Void> complete(@PathVariable String taskId, @RequestBody Submission submission) {
        Official o = current.require();
        inbox.complete(taskId, o.userId(), o.groups(), submission);
        return ResponseEntity.noContent().build();
    }
}
