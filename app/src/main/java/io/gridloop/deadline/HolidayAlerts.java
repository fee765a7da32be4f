package io.gridloop.deadline;

import io.gridloop.security.Official;
import io.gridloop.security.Roles;
import io.gridloop.ui.LayoutAlerts;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** Tells administrators when this year's holidays, or in December next year's, are not loaded (weekends only then). */
@Component
public class HolidayAlerts implements LayoutAlerts {

    private final HolidayCalendar holidays;
    private final Clock clock;

    public HolidayAlerts(HolidayCalendar holidays, Clock clock) {
        this.holidays = holidays;
        this.clock = clock;
    }

    @Override
    public List<Alert> alertsFor(Official official) {
        List<Alert> out = new ArrayList<>();
        if (official.isIn(Roles.ADMIN)) {
            LocalDate today = LocalDate.now(clock);
            for (int y : new int[] {today.getYear(), today.getYear() + 1}) {
                if (!holidays.hasYear(y) && (y == today.getYear() || today.getMonthValue() == 12)) {
                    out.add(new Alert("holidays.missing", String.valueOf(y)));
                }
            }
        }
        return out;
    }
}
