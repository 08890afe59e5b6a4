package org.conduit.tag;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Every tag in use: a list this small needs no service of its own. */
@Path("/api/tags")
@Produces(MediaType.APPLICATION_JSON)
public class TagResource {

  @GET
  public TagsResponse all() {
    return new TagsResponse(Tag.inUse());
  }
}
