package io.verity.identity;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import io.verity.platform.security.InternalTokenAuthenticationMechanism;
import java.util.UUID;

/** A request as another Verity service makes it on behalf of a client. */
final class InternalCalls {

    static final String TOKEN = "test-internal-token";

    private InternalCalls() {
    }

    static RequestSpecification asService(UUID clientId) {
        return given().header(InternalTokenAuthenticationMechanism.TOKEN_HEADER, TOKEN)
                .header(InternalTokenAuthenticationMechanism.CLIENT_HEADER, clientId.toString());
    }
}
