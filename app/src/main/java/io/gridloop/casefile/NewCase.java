package io.gridloop.casefile;

/** What the case file needs to open a case; intake has validated it and resolved the grid. */
public record NewCase(
        Channel channel,
        Urgency urgency,
        String categoryCode,
        String subcategoryCode,
        String kind,
        String gridCode,
        String communityCode,
        String streetCode,
        String description,
        String address,
        Double longitude,
        Double latitude,
        String reporterName,
        String reporterPhone,
        String reporterEmail,
        String reportedBy,
        boolean selfResolved) {}
