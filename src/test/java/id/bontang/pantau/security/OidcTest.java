package id.bontang.pantau.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import id.bontang.pantau.support.MosquittoResource;
import id.bontang.pantau.support.Ready;
import id.bontang.pantau.support.SignIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The city's identity provider, as its bearer tokens: signed here with a key of the test's own (no identity provider
 * runs on this machine), verified by quarkus-oidc with the public key, roles from the claim the configuration names.
 */
@QuarkusTest
@TestProfile(OidcTest.CityIdentityProvider.class)
@WithTestResource(MosquittoResource.class)
class OidcTest {

    static final String ISSUER = "https://sso.bontang.example/realms/pemkot";
    static final KeyPair KEY = keyPair();
    static final KeyPair OTHER = keyPair();

    public static class CityIdentityProvider implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pantau.security.wall-anonymous", "false", "quarkus.oidc.tenant-enabled", "true",
                    "quarkus.oidc.application-type", "service", "quarkus.oidc.public-key",
                    Base64.getEncoder().encodeToString(KEY.getPublic().getEncoded()), "quarkus.oidc.token.issuer", ISSUER,
                    "quarkus.oidc.roles.role-claim-path", "pantau_roles");
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWT (RS256) as the identity provider would issue it. */
    private static String token(PrivateKey key, String user, List<String> roles, long expiresInSeconds) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + user + "\",\"preferred_username\":\"" + user
                + "\",\"iat\":" + now + ",\"exp\":" + (now + expiresInSeconds) + ",\"pantau_roles\":["
                + String.join(",", roles.stream().map(r -> "\"" + r + "\"").toList()) + "]}").getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + b64.encodeToString(rsa.sign());
    }

    private static int get(String token, String path) {
        return given().redirects().follow(false).header("Authorization", "Bearer " + token).get(path).statusCode();
    }

    @Test
    void verifiesThatTheIdentityProvidersRolesDecideAndItsSignatureAndExpiryAreChecked() throws Exception {
        Ready.await();
        String analyst = token(KEY.getPrivate(), "siti", List.of("analyst"), 300);
        assertThat(get(analyst, "/api/v1/tiles")).as("an analyst is a viewer too").isEqualTo(200);
        assertThat(get(analyst, "/api/v1/dead-letters")).isEqualTo(200);
        assertThat(get(analyst, "/api/v1/users")).isEqualTo(403);
        assertThat(get(token(KEY.getPrivate(), "kepala-it", List.of("admin"), 300), "/api/v1/audit")).isEqualTo(200);
        assertThat(given().header("Authorization", "Bearer " + token(KEY.getPrivate(), "kepala-it", List.of("admin"), 300))
                .get("/api/v1/users").then().statusCode(503).extract().jsonPath().getString("reason"))
                .as("no database here: users live in one").isEqualTo("database-unavailable");
        assertThat(get(token(KEY.getPrivate(), "tamu", List.of(), 300), "/api/v1/dead-letters")).as("no role").isEqualTo(403);
        assertThat(get(token(KEY.getPrivate(), "siti", List.of("analyst"), -120), "/api/v1/tiles")).as("expired").isEqualTo(401);
        assertThat(get(token(OTHER.getPrivate(), "siti", List.of("admin"), 300), "/api/v1/audit")).as("not the IdP's key")
                .isEqualTo(401);
        // A refused token keeps the identity provider's Bearer challenge, and the body says why; without credentials
        // a script is offered both ways.
        io.restassured.response.Response expired = given().redirects().follow(false)
                .header("Authorization", "Bearer " + token(KEY.getPrivate(), "siti", List.of("analyst"), -120)).get("/api/v1/tiles");
        assertThat(expired.getHeaders().getValues("WWW-Authenticate")).anySatisfy(v -> assertThat(v).startsWith("Bearer"))
                .noneSatisfy(v -> assertThat(v).startsWith("Basic"));
        assertThat(expired.jsonPath().getString("reason")).isEqualTo("credentials-refused");
        assertThat(expired.getHeader("Location")).isNull();
        io.restassured.response.Response none = given().redirects().follow(false).get("/api/v1/series");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.getHeaders().getValues("WWW-Authenticate")).anySatisfy(v -> assertThat(v).startsWith("Bearer"))
                .anySatisfy(v -> assertThat(v).startsWith("Basic"));
        assertThat(none.jsonPath().getString("reason")).isEqualTo("sign-in-required");
        // Pantau's own users go on signing in beside it.
        assertThat(SignIn.admin().get("/api/v1/audit").statusCode()).isEqualTo(200);
    }

    @io.quarkus.test.common.http.TestHTTPResource("/ws/wall")
    java.net.URI wallSocket;

    @Test
    void verifiesThatASocketOpenedWithATokenClosesWhenTheTokenExpires() throws Exception {
        Ready.await();
        SessionsTest.Socket socket = new SessionsTest.Socket();
        java.net.URI uri = java.net.URI.create("ws://" + wallSocket.getHost() + ":" + wallSocket.getPort() + wallSocket.getPath());
        socket.ws = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + token(KEY.getPrivate(), "siti", List.of("viewer"), 3))
                .buildAsync(uri, socket).get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(socket.closed.get(20, java.util.concurrent.TimeUnit.SECONDS)).as("closed once the token has expired")
                .isEqualTo(4401);
    }
}
