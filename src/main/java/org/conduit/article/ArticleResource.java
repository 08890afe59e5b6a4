package org.conduit.article;

import io.quarkus.security.Authenticated;
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
import org.conduit.user.CurrentUser;
import org.conduit.user.User;
import org.jboss.resteasy.reactive.ResponseStatus;

/** Articles, their lists and favorites. Paging parameters are taken as text: see {@link Paging}. */
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
  public ArticleListResponse list(
      @QueryParam("tag") String tag,
      @QueryParam("author") String author,
      @QueryParam("favorited") String favorited,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    Paging paging = Paging.parse(limit, offset);
    return articles.list(ArticleSearch.filters(tag, author, favorited), paging, currentUser.find());
  }

  @GET
  @Path("/feed")
  @Authenticated
  public ArticleListResponse feed(
      @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
    User reader = currentUser.require();
    return articles.list(
        ArticleSearch.feed(reader.id), Paging.parse(limit, offset), Optional.of(reader));
  }

  @GET
  @Path("/{slug}")
  public ArticleResponse get(@PathParam("slug") String slug) {
    return new ArticleResponse(articles.get(slug, currentUser.find()));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Authenticated
  @ResponseStatus(201)
  public ArticleResponse create(@Valid @NotNull(message = Messages.BLANK) NewArticleRequest body) {
    return new ArticleResponse(articles.create(currentUser.require(), body.article()));
  }

  /** No {@code @Valid}: existence and ownership are checked before the body. */
  @PUT
  @Path("/{slug}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Authenticated
  public ArticleResponse update(@PathParam("slug") String slug, UpdateArticleRequest body) {
    return new ArticleResponse(articles.update(slug, currentUser.require(), body));
  }

  @DELETE
  @Path("/{slug}")
  @Authenticated
  public void delete(@PathParam("slug") String slug) {
    articles.delete(slug, currentUser.require());
  }

  @POST
  @Path("/{slug}/favorite")
  @Authenticated
  public ArticleResponse favorite(@PathParam("slug") String slug) {
    return new ArticleResponse(articles.favorite(slug, currentUser.require()));
  }

  @DELETE
  @Path("/{slug}/favorite")
  @Authenticated
  public ArticleResponse unfavorite(@PathParam("slug") String slug) {
    return new ArticleResponse(articles.unfavorite(slug, currentUser.require()));
  }
}
