package org.conduit.profile;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.conduit.user.CurrentUser;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Public profiles, and following or unfollowing their owners. */
@Tag(name = "Profiles")
@Path("/api/profiles/{username}")
@Produces(MediaType.APPLICATION_JSON)
public class ProfileResource {

  private final ProfileService profiles;
  private final CurrentUser currentUser;

  public ProfileResource(ProfileService profiles, CurrentUser currentUser) {
    this.profiles = profiles;
    this.currentUser = currentUser;
  }

  @GET
  @Operation(summary = "A profile (Token optional: following reflects the caller)")
  @APIResponse(responseCode = "200", description = "The profile")
  @APIResponse(responseCode = "404", description = "No such (active) user")
  public ProfileResponse get(@PathParam("username") String username) {
    return new ProfileResponse(profiles.get(username, currentUser.find()));
  }

  @POST
  @Path("/follow")
  @Authenticated
  @Operation(summary = "Follow a user (idempotent)")
  @APIResponse(responseCode = "200", description = "The profile, followed")
  @APIResponse(responseCode = "401", description = "Missing, invalid or revoked token")
  @APIResponse(responseCode = "404", description = "No such (active) user")
  public ProfileResponse follow(@PathParam("username") String username) {
    return new ProfileResponse(profiles.follow(currentUser.require(), username));
  }

  @DELETE
  @Path("/follow")
  @Authenticated
  @Operation(summary = "Unfollow a user (idempotent)")
  @APIResponse(responseCode = "200", description = "The profile, not followed")
  @APIResponse(responseCode = "401", description = "Missing, invalid or revoked token")
  @APIResponse(responseCode = "404", description = "No such (active) user")
  public ProfileResponse unfollow(@PathParam("username") String username) {
    return new ProfileResponse(profiles.unfollow(currentUser.require(), username));
  }
}
