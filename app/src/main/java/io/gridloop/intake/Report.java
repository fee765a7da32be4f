package io.gridloop.intake;

import io.gridloop.casefile.Channel;
import io.gridloop.casefile.Urgency;
import java.util.List;

/**
 * A report (上报) as the report page or the hotline enters it. {@code photos} show the problem as found; a grid worker who
 * resolved it on the spot (自行处置) adds {@code afterPhotos} of the work done. The place is a grid picked from the list, or a point
 * (longitude/latitude) that GridLoop resolves to a grid. A hotline call names the caller's phone or, as an explicit choice,
 * {@code callerAnonymous}; {@code answer} is what the operator answered when the call was settled on the phone (即办).
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
        List<Photo> photos,
        List<Photo> afterPhotos,
        Boolean callerAnonymous,
        String answer) {

    /** A hotline call: no photos of work done. */
    public Report(Channel channel, Urgency urgency, String categoryCode, String subcategoryCode, String gridCode, Double longitude,
                  Double latitude, String address, String description, String reporterName, String reporterPhone,
                  String reporterEmail, boolean selfResolved, List<Photo> photos, Boolean callerAnonymous, String answer) {
        this(channel, urgency, categoryCode, subcategoryCode, gridCode, longitude, latitude, address, description, reporterName,
                reporterPhone, reporterEmail, selfResolved, photos, List.of(), callerAnonymous, answer);
    }

    /** A report without the hotline's own fields (a grid worker's, possibly resolved on the spot with photos after). */
    public Report(Channel channel, Urgency urgency, String categoryCode, String subcategoryCode, String gridCode, Double longitude,
                  Double latitude, String address, String description, String reporterName, String reporterPhone,
                  String reporterEmail, boolean selfResolved, List<Photo> photos, List<Photo> afterPhotos) {
        this(channel, urgency, categoryCode, subcategoryCode, gridCode, longitude, latitude, address, description, reporterName,
                reporterPhone, reporterEmail, selfResolved, photos, afterPhotos, null, null);
    }

    /** A report without the hotline's own fields and without photos of the work done. */
    public Report(Channel channel, Urgency urgency, String categoryCode, String subcategoryCode, String gridCode, Double longitude,
                  Double latitude, String address, String description, String reporterName, String reporterPhone,
                  String reporterEmail, boolean selfResolved, List<Photo> photos) {
        this(channel, urgency, categoryCode, subcategoryCode, gridCode, longitude, latitude, address, description, reporterName,
                reporterPhone, reporterEmail, selfResolved, photos, List.of(), null, null);
    }

    /** A photo as uploaded: its name and bytes; the type is read from the bytes. */
    public record Photo(String fileName, byte[] content) {}
}
