package org.conduit.tag;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Every tag in use: a list this small needs no service of its own. */
@org.eclipse.microprofile.openapi.annotations.tags.Tag(name = "Tags")
@Path("/api/tags")
@Produces(MediaType.APPLICATION_JSON)
public class TagResource {

  @GET
  @Operation(summary = "Every tag in use")
  @APIResponse(responseCode = "200", description = "The tags, sorted")
  public TagsResponse all() {
    return new TagsResponse(Tag.inUse());
  }
}
