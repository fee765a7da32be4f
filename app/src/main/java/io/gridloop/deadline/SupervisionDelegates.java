package io.gridloop.deadline;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Delegates of {@code processes/supervisionOrder.bpmn}: the answer recorded, or the order closed because its step is done. */
@Configuration
public class SupervisionDelegates {

    static long orderId(DelegateExecution execution) {
        return ((Number) execution.getVariable(SupervisionProcess.ORDER_ID)).longValue();
    }

    /** The addressee answered: what was done, and by when it will be done. */
    @Bean
    public JavaDelegate recordSupervisionAnswer(Supervision supervision) {
        return execution -> {
            Object doneBy = execution.getVariable(SupervisionProcess.DONE_BY);
            LocalDate date;
            try {
                // the form's date picker sends yyyy-MM-dd; an API client may send a date-time
                date = doneBy == null ? null : LocalDate.parse(doneBy.toString().substring(0, Math.min(10, doneBy.toString().length())));
            } catch (DateTimeParseException e) {
                throw new io.gridloop.casefile.CaseRuleException("error.supervision.doneByInvalid", doneBy);
            }
            Object answer = execution.getVariable(SupervisionProcess.ANSWER);
            supervision.answered(orderId(execution), answer == null ? null : answer.toString(), date);
        };
    }

    /** The step the order chased was done before an answer came. */
    @Bean
    public JavaDelegate closeSupervisionOrder(Supervision supervision) {
        return (DelegateExecution execution) -> supervision.closeStepDone(orderId(execution));
    }
}
