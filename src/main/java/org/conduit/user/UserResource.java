package org.conduit.user;

import io.quarkus.security.Authenticated;
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
import org.jboss.resteasy.reactive.ResponseStatus;

/** Registration, login and the current user's own account. */
@Path("/api")
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
  public UserResponse register(@Valid @NotNull(message = Messages.BLANK) RegisterRequest body) {
    return new UserResponse(users.register(body.user()));
  }

  @POST
  @Path("/users/login")
  public UserResponse login(@Valid @NotNull(message = Messages.BLANK) LoginRequest body) {
    return new UserResponse(users.login(body.user()));
  }

  @GET
  @Path("/user")
  @Authenticated
  public UserResponse current() {
    return new UserResponse(UserView.of(currentUser.require(), currentUser.token()));
  }

  @PUT
  @Path("/user")
  @Authenticated
  public UserResponse update(@Valid @NotNull(message = Messages.BLANK) UpdateUserRequest body) {
    return new UserResponse(users.update(currentUser.require().id, body.user()));
  }
}
