package org.conduit.comment;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.conduit.user.CurrentUser;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** The comments of an article. The comment id is taken as text: see {@link CommentService}. */
@Tag(name = "Comments")
@Path("/api/articles/{slug}/comments")
@Produces(MediaType.APPLICATION_JSON)
public class CommentResource {

  private final CommentService comments;
  private final CurrentUser currentUser;

  public CommentResource(CommentService comments, CurrentUser currentUser) {
    this.comments = comments;
    this.currentUser = currentUser;
  }

  /** No {@code @Valid}: a missing article is a 404 whatever the body. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Authenticated
  @ResponseStatus(201)
  @Operation(summary = "Comment on an article")
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(schema = @Schema(implementation = CommentResponse.class)))
  @APIResponse(responseCode = "401", description = "Missing, invalid or revoked token")
  @APIResponse(responseCode = "404", description = "No such article")
  @APIResponse(responseCode = "422", description = "Invalid or missing body, malformed JSON")
  public CommentResponse add(@PathParam("slug") String slug, NewCommentRequest body) {
    return new CommentResponse(comments.add(slug, currentUser.require(), body));
  }

  @GET
  @Operation(summary = "The comments of an article (Token optional)")
  @APIResponse(responseCode = "200", description = "The comments, newest first")
  @APIResponse(responseCode = "404", description = "No such article")
  public CommentsResponse list(@PathParam("slug") String slug) {
    return new CommentsResponse(comments.list(slug, currentUser.find()));
  }

  @DELETE
  @Path("/{id}")
  @Authenticated
  @Operation(summary = "Delete one's own comment")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "401", description = "Missing, invalid or revoked token")
  @APIResponse(responseCode = "403", description = "Not the comment's author")
  @APIResponse(responseCode = "404", description = "No such article or comment")
  public void delete(@PathParam("slug") String slug, @PathParam("id") String id) {
    comments.delete(slug, id, currentUser.require());
  }
}
