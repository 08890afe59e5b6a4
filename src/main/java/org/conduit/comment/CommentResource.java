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
import org.jboss.resteasy.reactive.ResponseStatus;

/** The comments of an article. The comment id is taken as text: see {@link CommentService}. */
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
  public CommentResponse add(@PathParam("slug") String slug, NewCommentRequest body) {
    return new CommentResponse(comments.add(slug, currentUser.require(), body));
  }

  @GET
  public CommentsResponse list(@PathParam("slug") String slug) {
    return new CommentsResponse(comments.list(slug, currentUser.find()));
  }

  @DELETE
  @Path("/{id}")
  @Authenticated
  public void delete(@PathParam("slug") String slug, @PathParam("id") String id) {
    comments.delete(slug, id, currentUser.require());
  }
}
