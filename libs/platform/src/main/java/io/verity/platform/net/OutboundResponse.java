package io.verity.platform.net;

import java.util.Optional;

/**
 * What a server answered to {@link OutboundHttp}.
 *
 * @param status the HTTP status of the last hop
 * @param contentType the declared Content-Type, if any (declared, not checked: callers sniff the content)
 * @param body the body, at most the configured limit
 * @param truncated whether the body was cut at the limit (POST only; a GET refuses a body over its limit)
 */
public record OutboundResponse(int status, Optional<String> contentType, byte[] body, boolean truncated) {
}
