package io.gridloop.intake;

import io.gridloop.casefile.Channel;
import io.gridloop.casefile.Urgency;
import java.util.List;

/**
 * A report (上报) as the report page or the hotline enters it. The place is a grid picked from the list, or a point
 * (longitude/latitude) that GridLoop resolves to a grid.
 */
public record Report(
        Channel channel,
        Urgency urgency,
        String categoryCode,
        String subcategoryCode,
        String gridCode,
        Double longitude,
        Double latitude,
        String address,
        String description,
        String reporterName,
        String reporterPhone,
        String reporterEmail,
        boolean selfResolved,
        List<Photo> photos) {

    /** A photo as uploaded: its name and bytes; the type is read from the bytes. */
    public record Photo(String fileName, byte[] content) {}
}
