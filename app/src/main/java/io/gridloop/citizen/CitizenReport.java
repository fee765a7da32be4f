package io.gridloop.citizen;

import io.gridloop.intake.Report;
import java.util.List;

/**
 * A citizen's report as their page sends it: the subcategory, the place as a point (tapped on the map or from the
 * phone's location) or as an address in words with the community it is in, a description, photos, optional name and
 * phone or e-mail, and the human check's token with the answer.
 */
public record CitizenReport(
        String subcategoryCode,
        Double longitude,
        Double latitude,
        String communityCode,
        String address,
        String description,
        List<Report.Photo> photos,
        String name,
        String phone,
        String email,
        String checkToken,
        String checkAnswer) {}
