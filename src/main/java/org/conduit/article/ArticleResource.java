package org.conduit.article;

import io.quarkus.arc.Arc;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.conduit.common.validation.Messages;
import org.conduit.user.Account;
import org.conduit.user.CurrentUser;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** Articles, their lists and favorites. Paging parameters are taken as text: see {@link Paging}. */
@Tag(name = "Articles")
@Path("/api/articles")
@Produces(MediaType.APPLICATION_JSON)
public class ArticleResource {

  private final ArticleService articles;
  private final CurrentUser currentUser;

  public ArticleResource(ArticleService articles, CurrentUser currentUser) {
    this.articles = articles;
    this.currentUser = currentUser;
  }

  @GET
  @Operation(
      summary = "Articles, newest first, filtered by tag, author or favorited (Token optional)")
  @APIResponse(
      responseCode = "200",
      description = "A page of articles (no body) and the count of all matches")
  @APIResponse(responseCode = "422", description = "limit or offset is not a valid number")
  @NonBlocking
  public Uni<ArticleListResponse> list(
      @QueryParam("tag") String tag,
      @QueryParam("author") String author,
      @QueryParam("favorited") String favorited,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    Paging paging = Paging.parse(limit, offset);
    ArticleSearch search = ArticleSearch.filters(tag, author, favorited);
    // The home page of every visitor: answered on the I/O thread when the page, and for a
    // signed-in reader their token, account and flags, are all kept. Anything else (a refusal
    // too) takes the usual path.
    boolean anonymous = currentUser.sentNoCredentials();
    Optional<Account> reader = anonymous ? Optional.empty() : currentUser.knownWithoutBlocking();
    if (anonymous || reader.isPresent()) {
      Optional<ArticleListResponse> kept = articles.kept(search, paging, reader);
      if (kept.isPresent()) {
        return Uni.createFrom().item(kept.get());
      }
    }
    // A client that went away before a worker took the request has ended its request context (and
    // the answer goes nowhere): nothing to read.
    return Uni.createFrom()
        .item(
            () ->
                Arc.container().requestContext().isActive()
                    ? articles.list(search, paging, currentUser.find())
                    : null)
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }

  @GET
  @Path("/feed")
  @Authenticated
  @Operation(summary = "Articles by the authors the caller follows, newest first")
  @APIResponse(
      responseCode = "200",
      description = "A page of articles and the count of all matches")
  @APIResponse(responseCode = "401", description = "Missing, invalid or revoked token")
  @APIResponse(responseCode = "422", description = "limit or offset is not a valid number")
  public ArticleListResponse feed(
      @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
    Account reader = currentUser.require();
    return articles.list(
        ArticleSearch.feed(reader.id()), Paging.parse(limit, offset), Optional.of(reader));
  }

  @GET
  @Path("/{slug}")
  @Operation(summary = "One article by slug (Token optional)")
  @APIResponse(responseCode = "200", description = "The article")
  @APIResponse(responseCode = "404", description = "No such article")
  public ArticleResponse get(@PathParam("slug") String slug) {
    return new ArticleResponse(articles.get(slug, currentUser.find()));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Authenticated
  @ResponseStatus(201)
  @Operation(summary = "Create an article")
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(schema = @Schema(implementation = ArticleResponse.class)))
  @APIResponse(responseCode = "401", description = "Missing, invalid or revoked token")
  @APIResponse(responseCode = "422", description = "Invalid or missing fields, malformed JSON")
  public ArticleResponse create(@Valid @NotNull(message = Messages.BLANK) NewArticleRequest body) {
    return new ArticleResponse(articles.create(currentUser.require(), body.article()));
  }

  /** No {@code @Valid}: existence and ownership are checked before the body. */
  @PUT
  @Path("/{slug}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Authenticated
  @Operation(summary = "Update one's own article; absent fields are left as they are")
  @APIResponse(responseCode = "200", description = "Updated")
  @APIResponse(responseCode = "401", description = "Missing, invalid or revoked token")
  @APIResponse(responseCode = "403", description = "Not the author")
  @APIResponse(responseCode = "404", description = "No such article")
  @APIResponse(responseCode = "422", description = "Invalid fields, malformed JSON")
  public ArticleResponse update(@PathParam("slug") String slug, UpdateArticleRequest body) {
    return new ArticleResponse(articles.update(slug, currentUser.require(), body));
  }

  @DELETE
  @Path("/{slug}")
  @Authenticated
  @Operation(summary = "Delete one's own article")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "401", description = "Missing, invalid or revoked token")
  @APIResponse(responseCode = "403", description = "Not the author")
  @APIResponse(responseCode = "404", description = "No such article")
  public void delete(@PathParam("slug") String slug) {
    articles.delete(slug, currentUser.require());
  }

  @POST
  @Path("/{slug}/favorite")
  @Authenticated
  @Operation(summary = "Favorite an article (idempotent)")
  @APIResponse(responseCode = "200", description = "The article, favorited")
  @APIResponse(responseCode = "401", description = "Missing, invalid or revoked token")
  @APIResponse(responseCode = "404", description = "No such article")
  public ArticleResponse favorite(@PathParam("slug") String slug) {
    return new ArticleResponse(articles.favorite(slug, currentUser.require()));
  }

  @DELETE
  @Path("/{slug}/favorite")
  @Authenticated
  @Operation(summary = "Unfavorite an article (idempotent)")
  @APIResponse(responseCode = "200", description = "The article, not favorited")
  @APIResponse(responseCode = "401", description = "Missing, invalid or revoked token")
  @APIResponse(responseCode = "404", description = "No such article")
  public ArticleResponse unfavorite(@PathParam("slug") String slug) {
    return new ArticleResponse(articles.unfavorite(slug, currentUser.require()));
  }
}
