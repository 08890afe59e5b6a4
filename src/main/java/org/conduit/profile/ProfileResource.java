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

/** Public profiles, and following or unfollowing their owners. */
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
  public ProfileResponse get(@PathParam("username") String username) {
    return new ProfileResponse(profiles.get(username, currentUser.find()));
  }

  @POST
  @Path("/follow")
  @Authenticated
  public ProfileResponse follow(@PathParam("username") String username) {
    return new ProfileResponse(profiles.follow(currentUser.require(), username));
  }

  @DELETE
  @Path("/follow")
  @Authenticated
  public ProfileResponse unfollow(@PathParam("username") String username) {
    return new ProfileResponse(profiles.unfollow(currentUser.require(), username));
  }
}
