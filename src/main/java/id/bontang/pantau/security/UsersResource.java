package id.bontang.pantau.security;

import id.bontang.pantau.api.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.List;

/**
 * The admin's user management: list, create, change role, disable, reset a password (which also unlocks). A change
 * of password, role or state ends the user's sessions; the last enabled admin cannot be disabled or demoted.
 */
@Path("/api/v1/users")
@RolesAllowed(Role.ADMIN_NAME)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {

    /** A new user, or what changes (null: unchanged). */
    public record UserChange(String username, String role, Boolean disabled, String password) {
    }

    private final Users users;
    private final Audit audit;
    private final SecurityIdentity identity;
    private final HttpServerRequest request;

    public UsersResource(Users users, Audit audit, SecurityIdentity identity, HttpServerRequest request) {
        this.users = users;
        this.audit = audit;
        this.identity = identity;
        this.request = request;
    }

    private void audit(String action, String subject, String detail) {
        audit.record(identity, request, action, subject, detail);
    }

    @GET
    public List<Users.User> list() throws SQLException {
        return users.list();
    }

    @POST
    public Response create(UserChange body) throws SQLException {
        if (body == null || !Users.validName(body.username())) {
            throw problem(400, "invalid-username", "a user name is 1 to 64 of a-z, 0-9, '.', '_' and '-', starting with a letter or digit");
        }
        Role role = Role.of(body.role());
        if (role == null) {
            throw problem(400, "invalid-role", "role is one of viewer, operator, analyst, admin");
        }
        weak(body.password());
        if (!users.create(body.username(), role, body.password())) {
            throw problem(409, "user-exists", "user '" + body.username() + "' exists: change it with PATCH");
        }
        audit("user-created", body.username(), "role " + role.code());
        return Response.status(201).entity(new Users.User(body.username(), role, false, null)).build();
    }

    @PATCH
    @Path("/{username}")
    public Response change(@PathParam("username") String username, UserChange body) throws SQLException {
        if (body == null) {
            throw problem(400, "empty-change", "give role, disabled or password");
        }
        Role role = body.role() == null ? null : Role.of(body.role());
        if (body.role() != null && role == null) {
            throw problem(400, "invalid-role", "role is one of viewer, operator, analyst, admin");
        }
        if (body.password() != null) {
            weak(body.password());
        }
        switch (users.change(username, role, body.disabled(), body.password())) {
            case NO_SUCH_USER -> {
                throw problem(404, "no-such-user", "there is no user '" + username + "'");
            }
            case LAST_ADMIN -> {
                throw problem(409, "last-admin", "'" + username + "' is the last enabled admin: make another user admin "
                        + "first, or nobody could manage users");
            }
            case CHANGED -> {
            }
        }
        audit("user-changed", username, String.join(", ", java.util.stream.Stream.of(
                role == null ? null : "role " + role.code(), body.disabled() == null ? null : body.disabled() ? "disabled" : "enabled",
                body.password() == null ? null : "password reset").filter(java.util.Objects::nonNull).toList()));
        return Response.noContent().build();
    }

    /** A refusal with this resource's reason codes (kept as they were: clients switch on them). */
    private static ProblemException problem(int status, String reason, String detail) {
        return new ProblemException(status, reason, null, detail);
    }

    private static void weak(String password) {
        if (password == null || password.length() < 12 || password.length() > 128) {
            throw problem(400, "weak-password", "a password has 12 to 128 characters");
        }
    }
}
