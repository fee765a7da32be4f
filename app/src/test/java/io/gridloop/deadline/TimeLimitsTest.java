package io.gridloop.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the BPMN's business rule tasks keep of the timeLimits and handlingStages tables. */
class TimeLimitsTest {

    @Test
    void aLimitTheTimersCannotReadIsRefusedWhenTheTableIsApplied() {
        TimeLimits limits = new TimeLimits(new DeadlineSettings(0.8), null);
        assertThat(limits.checked("P1DT2H")).isEqualTo("P1DT2H");
        assertThatThrownBy(() -> limits.checked("three days")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limits.checked(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFirstStagesLimitReplacesTheHandlingLimitOnlyForACaseHandledInStages() {
        HandlingStages stages = new HandlingStages();
        List<Map<String, Object>> rows = List.of(
                Map.of("stage", "STOP", "stageName", "责令停止施工", "stageLimit", "P1D"),
                Map.of("stage", "DEMOLISH", "stageName", "拆除", "stageLimit", "P10D"));
        assertThat(stages.count(rows)).isEqualTo(2);
        assertThat(stages.firstName(rows)).isEqualTo("责令停止施工");
        assertThat(stages.firstLimit(rows, "P3D")).isEqualTo("P1D");
        assertThat(HandlingStage.read(stages.json(rows))).extracting(HandlingStage::code).containsExactly("STOP", "DEMOLISH");
        assertThat(stages.count(List.of())).isEqualTo(1);
        assertThat(stages.firstLimit(List.of(), "P3D")).isEqualTo("P3D");
        assertThat(stages.json(List.of())).isNull();
    }
}
