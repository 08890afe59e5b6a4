package org.conduit.user;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.conduit.common.validation.Messages;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** Registration, login and the current user's own account. */
@Path("/api")
@Tag(name = "User and Authentication")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

  private final UserService users;
  private final CurrentUser currentUser;

  public UserResource(UserService users, CurrentUser currentUser) {
    this.users = users;
    this.currentUser = currentUser;
  }

  @POST
  @Path("/users")
  @ResponseStatus(201)
  @Operation(summary = "Register an account")
  @APIResponse(
      responseCode = "201",
      description = "Registered; the reply carries a token",
      content = @Content(schema = @Schema(implementation = UserResponse.class)))
  @APIResponse(responseCode = "409", description = "Email or username already taken")
  @APIResponse(responseCode = "422", description = "Invalid or missing fields, malformed JSON")
  public UserResponse register(@Valid @NotNull(message = Messages.BLANK) RegisterRequest body) {
    return new UserResponse(users.register(body.user()));
  }

  @POST
  @Path("/users/login")
  @Operation(summary = "Log in with email and password")
  @APIResponse(responseCode = "200", description = "Logged in; the reply carries a token")
  @APIResponse(responseCode = "401", description = "Unknown email, wrong password or deactivated")
  @APIResponse(responseCode = "422", description = "Missing fields, malformed JSON")
  public UserResponse login(@Valid @NotNull(message = Messages.BLANK) LoginRequest body) {
    return new UserResponse(users.login(body.user()));
  }

  /**
   * Asked on every page load of a frontend, so it runs on the I/O thread: the token's verification
   * and the account are usually in memory, and a worker thread reads the account otherwise. Not
   * {@code @Authenticated}: {@link CurrentUser#ownViewWithoutBlocking} authenticates itself, with
   * the same 401s, which saves the request one suspension.
   */
  @GET
  @Path("/user")
  @NonBlocking
  @SecurityRequirement(name = "Token")
  @Operation(summary = "The current user")
  @APIResponse(responseCode = "200", description = "The account behind the token")
  @APIResponse(responseCode = "401", description = "Missing, invalid or revoked token")
  public Uni<UserResponse> current() {
    return currentUser.ownViewWithoutBlocking().map(UserResponse::new);
  }

  @PUT
  @Path("/user")
  @Authenticated
  @Operation(summary = "Update the current user; absent fields are left as they are")
  @APIResponse(responseCode = "200", description = "Updated; the reply carries a fresh token")
  @APIResponse(responseCode = "401", description = "Missing, invalid or revoked token")
  @APIResponse(responseCode = "409", description = "Email or username already taken")
  @APIResponse(responseCode = "422", description = "Invalid fields, malformed JSON")
  public UserResponse update(@Valid @NotNull(message = Messages.BLANK) UpdateUserRequest body) {
    return new UserResponse(users.update(currentUser.presentedToken(), body.user()));
  }
}
