package io.gridloop.casefile;

/** An uploaded file about to be stored with a timeline entry. */
public record NewAttachment(String fieldKey, String fileName, String contentType, byte[] content) {}
