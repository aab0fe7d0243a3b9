package io.verity.clients.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client generated from identity-service's OpenAPI has one method per operation, named by its operationId. */
class GeneratedClientTest {

    private static List<String> methods(String api) throws ClassNotFoundException {
        return Arrays.stream(Class.forName("io.verity.clients.identity.api." + api).getMethods()).map(Method::getName).toList();
    }

    @Test
    void operationsAreMethodsNamedAfterThem() throws Exception {
        assertThat(methods("EventsApi")).contains("createEvent", "listEvents", "getEvent", "updateEvent", "deleteEvent",
                "listEventActivities", "registerAttendee", "registerAttendees", "listAttendees", "getAttendee", "deleteAttendee");
        assertThat(Class.forName("io.verity.clients.identity.model.EventView").getMethod("getMatchThreshold")).isNotNull();
        assertThat(Class.forName("io.verity.clients.identity.model.ActivityView").getMethod("getCamera")).isNotNull();
    }
}
