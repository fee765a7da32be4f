package io.gridloop.citizen;

import io.gridloop.casefile.CaseFileService;
import io.gridloop.casefile.CaseTimeline;
import io.gridloop.casefile.TimelineAction;
import io.gridloop.process.CaseLoop;
import io.gridloop.casefile.CaseRecord;
import io.gridloop.process.CaseVariables;
import io.gridloop.process.Step;
import io.gridloop.notify.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The citizen's own rating of a case (满意 / 基本满意 / 不满意, with a comment) in place of the callback, for citizen
 * reports that left an e-mail: when the check has passed, the loop waits at {@code Task_AwaitRating} and mails a signed
 * link; the citizen rates once, from that link or from the tracking page; a dissatisfied rating goes to the
 * dispatcher's review exactly as a dissatisfied callback does (the same variables, the same gateway). Without a rating
 * within {@code gridloop.citizen.rating-within} (working days) the callback asks by phone, as for everyone else.
 *
 * <p>Once: the rating's row (one per case) and the message that moves the loop on are written in one transaction, and
 * a case that no longer waits takes none; so a link works once, and a link of another case, a forged or an expired
 * one never.
 */
@Service("citizenRatings")
public class CitizenRatings {

    public static final Set<String> RATINGS = Set.of("SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED");
    /** The reason field of the dissatisfaction review (reviewDissatisfactionForm) holds this much. */
    public static final int MAX_COMMENT = 1000;
    public static final Duration LINK_VALID = Duration.ofDays(30);
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\r\\n\\t]]");

    /** Where the rating came from, as stored. */
    public enum Via { LINK, TRACK }

    private final CaseFileService cases;
    private final CaseTimeline timeline;
    private final io.gridloop.metrics.StepFacts facts;
    private final RuntimeService runtime;
    private final JdbcClient jdbc;
    private final CitizenSecret secret;
    private final Clock clock;
    private final String window;

    public CitizenRatings(CaseFileService cases, CaseTimeline timeline, io.gridloop.metrics.StepFacts facts, RuntimeService runtime, JdbcClient jdbc,
                          CitizenSecret secret, Clock clock, CitizenSettings settings) {
        this.cases = cases;
        this.timeline = timeline;
        this.facts = facts;
        this.runtime = runtime;
        this.jdbc = jdbc;
        this.secret = secret;
        this.clock = clock;
        this.window = settings.ratingWithin();
    }

    /** The time the citizen has to rate, an ISO duration counted in working time (the timer's calendar). */
    public String window() {
        return window;
    }

    /** The signed link's token for a case: its id, expiry and signature. */
    public String token(long caseId) {
        long expires = clock.instant().plus(LINK_VALID).getEpochSecond();
        return caseId + "." + expires + "." + secret.sign("rate|" + caseId + "|" + expires);
    }

    /** The case a link's token names, if the token is this GridLoop's and has not expired. */
    public Optional<CaseRecord> byToken(String token) {
        String[] p = token == null ? new String[0] : token.strip().split("\\.");
        if (p.length != 3 || !p[0].matches("\\d{1,18}") || !p[1].matches("\\d{1,12}")
                || !secret.verify("rate|" + p[0] + "|" + p[1], p[2])
                || Instant.ofEpochSecond(Long.parseLong(p[1])).isBefore(clock.instant())) {
            return Optional.empty();
        }
        try {
            return Optional.of(cases.get(Long.parseLong(p[0])));
        } catch (RuntimeException gone) {
            return Optional.empty();
        }
    }

    /** Whether the case waits for its citizen's rating now. */
    public boolean awaits(CaseRecord c) {
        return c.processInstanceId() != null && runtime.createExecutionQuery().processInstanceId(c.processInstanceId())
                .activityId(CaseLoop.TASK_AWAIT_RATING).count() > 0;
    }

    /** The rating the citizen gave, if any. */
    public Optional<String> ratingOf(long caseId) {
        return jdbc.sql("select satisfaction from gl_citizen_rating where case_id = :id").param("id", caseId)
                .query(String.class).optional();
    }

    /**
     * Records the citizen's rating and moves the loop on; refuses a rating outside the three, a dissatisfied one
     * without a reason, a comment too long or not plain text (400), and a case that waits for no rating (409).
     */
    @Transactional
    public void rate(CaseRecord c, String satisfaction, String comment, Via via) {
        String text = comment == null || comment.isBlank() ? null : comment.strip();
        if (satisfaction == null || !RATINGS.contains(satisfaction)) {
            throw new CitizenRefusedException(400, "error.rating.choose");
        }
        if ("DISSATISFIED".equals(satisfaction) && text == null) {
            throw new CitizenRefusedException(400, "error.rating.reasonNeeded");
        }
        if (text != null && (text.length() > MAX_COMMENT || CONTROL.matcher(text).find())) {
            throw new CitizenRefusedException(400, "error.rating.comment", MAX_COMMENT);
        }
        if (ratingOf(c.id()).isPresent()) {
            throw new CitizenRefusedException(409, "error.rating.done");
        }
        if (!awaits(c)) {
            throw new CitizenRefusedException(409, "error.rating.notAwaiting");
        }
        try {
            jdbc.sql("insert into gl_citizen_rating (case_id, satisfaction, comment, via, rated_at) values (:id, :s, :c, :v, :at)")
                    .param("id", c.id()).param("s", satisfaction).param("c", text).param("v", via.name())
                    .param("at", OffsetDateTime.now(clock)).update();
        } catch (DuplicateKeyException twice) {
            throw new CitizenRefusedException(409, "error.rating.done");
        }
        timeline.addTimeline(c.id(), CitizenReports.DOOR, "CALLBACK", TimelineAction.CITIZEN_RATED, satisfaction, text, null, List.of());
        // the evaluation's satisfaction rate counts it as a callback's answer
        facts.ratedByCitizen(c.id(), satisfaction);
        var correlation = runtime.createMessageCorrelation(CaseLoop.MESSAGE_CITIZEN_RATING).processInstanceId(c.processInstanceId())
                .setVariable(CaseVariables.SATISFACTION, satisfaction)
                // rated once: after a rework the callback asks
                .setVariable(CaseVariables.CITIZEN_RATES, false);
        if ("DISSATISFIED".equals(satisfaction)) {
            correlation.setVariable(CaseVariables.DISSATISFACTION_REASON, text);
        }
        correlation.correlateWithResult();
    }

    /**
     * {@code ${askCitizenRating}}: the case waits for its citizen (status 回访, no group's task) and the citizen gets the
     * mail with the signed link (and the tracking page offers the same form).
     */
    @Bean
    public static ExecutionListener askCitizenRating(CaseFileService cases, io.gridloop.casefile.CaseTransitions transitions, CaseTimeline timeline,
                                                     Outbox outbox, CitizenRatings ratings) {
        return execution -> {
            long caseId = CaseVariables.caseId(execution);
            transitions.currentWork(caseId, Step.CALLBACK.name(), Step.CALLBACK.status(), null, null, null);
            timeline.addTimeline(caseId, "system", "CALLBACK", TimelineAction.RATING_ASKED, null, null, null, List.of());
            CaseRecord c = cases.get(caseId);
            if (c.reporterEmail() != null) {
                outbox.toAddress("rate:" + caseId, c.reporterEmail(), "mail.rate", "/rate/" + ratings.token(caseId),
                        c.caseNumber(), c.description());
            }
        };
    }
}
