package io.verity.identity.rest;

import io.verity.platform.error.ProblemException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Base64;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Image bytes from a multipart part or a base64 JSON field, with the field named in every refusal. */
final class ImageInput {

    private ImageInput() {
    }

    static byte[] fromUpload(FileUpload upload, String field) {
        if (upload == null || upload.size() == 0) {
            throw ProblemException.invalidField(field, "an image file is required (multipart part '" + field + "')");
        }
        try {
            return Files.readAllBytes(upload.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded " + field, e);
        }
    }

    static byte[] fromBase64(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalidField(field, "base64 image data is required");
        }
        String data = value.strip();
        int comma = data.indexOf(',');
        if (data.startsWith("data:") && comma > 0) {
            data = data.substring(comma + 1); // a data URL: data:image/jpeg;base64,....
        }
        try {
            return Base64.getMimeDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(field, "is not valid base64");
        }
    }
}
