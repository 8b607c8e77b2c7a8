package id.bontang.pantau.support;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** Requests as a signed-in user (HTTP Basic): the test profile's admin, whose password application.properties sets. */
public final class SignIn {

    public static final String ADMIN_PASSWORD = "test-admin-password";

    private SignIn() {
    }

    /** As {@code admin}, who holds every role. */
    public static RequestSpecification admin() {
        return as("admin", ADMIN_PASSWORD);
    }

    public static RequestSpecification as(String user, String password) {
        return RestAssured.given().auth().preemptive().basic(user, password);
    }
}
