package io.gridloop.metrics;

import io.gridloop.security.AccessScopes;
import io.gridloop.security.CurrentOfficial;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The overdue board for other systems ({@code GET /api/board}) and its trend, on the same service and scope as the page. */
@RestController
@RequestMapping("/api")
public class BoardApi {

    private final BoardService board;
    private final CurrentOfficial official;
    private final AccessScopes scopes;

    public BoardApi(BoardService board, CurrentOfficial official, AccessScopes scopes) {
        this.board = board;
        this.official = official;
        this.scopes = scopes;
    }

    @GetMapping("/board")
    public Board board(Locale locale) {
        return board.board(scopes.of(official.require()), locale);
    }

    /** {@code by=DAY} (the last 30 days) or {@code WEEK} (the last 12 weeks). */
    @GetMapping("/board/trend")
    public Trend trend(@RequestParam(required = false, defaultValue = "DAY") String by) {
        Trend.Granularity g;
        try {
            g = Trend.Granularity.valueOf(by.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw EvaluationRequestException.badRequest("error.board.trend", by);
        }
        return board.trend(g, scopes.of(official.require()));
    }
}
