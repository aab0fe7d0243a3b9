package io.verity.platform.web;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Limits on JSON that a request can make the parser do. Verity's bodies nest a few levels (metadata maps, lists of
 * attendees); deeper than {@value #MAX_DEPTH} levels (Jackson's default is 1,000, each level a frame of recursion and a
 * step of the error path) is refused at once as malformed JSON (400).
 */
@Singleton
public class JsonLimits implements ObjectMapperCustomizer {

    public static final int MAX_DEPTH = 64;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxStringLength(25_000_000) // one base64 photo (21 MiB body) fits
                .build());
    }
}
