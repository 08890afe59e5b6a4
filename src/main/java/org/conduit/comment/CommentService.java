package org.conduit.comment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.conduit.article.Article;
import org.conduit.common.Timestamps;
import org.conduit.common.error.ApiException;
import org.conduit.common.validation.RequestBodies;
import org.conduit.profile.Follow;
import org.conduit.profile.ProfileView;
import org.conduit.user.Account;
import org.conduit.user.User;

/** Comments on visible articles. Only its author may delete a comment. */
@ApplicationScoped
public class CommentService {

  private final RequestBodies bodies;

  public CommentService(RequestBodies bodies) {
    this.bodies = bodies;
  }

  /** 404 for the article before 422 for the body. */
  @Transactional
  public CommentView add(String slug, Account caller, NewCommentRequest request) {
    long articleId = Article.keep(slug).orElseThrow(() -> ApiException.notFound("article"));
    NewComment form = bodies.requireValid(request).comment();
    Comment comment = new Comment();
    comment.articleId = articleId;
    comment.author = User.findById(caller.id());
    comment.body = form.body();
    comment.createdAt = Timestamps.now();
    comment.updatedAt = comment.createdAt;
    comment.persist();
    return view(comment, Set.of());
  }

  /** Whatever the number of comments: one query for them, one for whom the viewer follows. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<CommentView> list(String slug, Optional<Account> viewer) {
    Article article = requireArticle(slug);
    List<Comment.Listed> comments = Comment.listVisible(article.id);
    Set<Long> followed =
        Follow.followedAmong(
            viewer.map(Account::id).orElse(null),
            comments.stream().map(Comment.Listed::authorId).collect(Collectors.toSet()));
    return comments.stream()
        .map(
            c ->
                new CommentView(
                    c.id(),
                    c.createdAt(),
                    c.updatedAt(),
                    c.body(),
                    new ProfileView(
                        c.username(), c.bio(), c.image(), followed.contains(c.authorId()))))
        .toList();
  }

  /**
   * 404 article, then 404 comment (an id that is not a number, or a comment of another article),
   * then 403 for someone else's comment.
   */
  @Transactional
  public void delete(String slug, String commentId, Account caller) {
    Article article = requireArticle(slug);
    Comment comment =
        parseId(commentId)
            .flatMap(id -> Comment.findOnArticle(article.id, id))
            .orElseThrow(() -> ApiException.notFound("comment"));
    if (!comment.author.id.equals(caller.id())) {
      throw ApiException.forbidden("comment");
    }
    comment.delete();
  }

  /**
   * Deletes any comment of any article, listed or not: the administration's take-down. What the
   * audit log calls it.
   */
  @Transactional
  public String takeDown(String slug, String commentId) {
    Article article = Article.findBySlug(slug).orElseThrow(() -> ApiException.notFound("article"));
    Comment comment =
        parseId(commentId)
            .flatMap(id -> Comment.findOnArticle(article.id, id))
            .orElseThrow(() -> ApiException.notFound("comment"));
    String what =
        "comment " + comment.id + " by " + comment.author.username + " on article " + slug;
    comment.delete();
    return what;
  }

  private static Article requireArticle(String slug) {
    return Article.findVisibleBySlug(slug).orElseThrow(() -> ApiException.notFound("article"));
  }

  private static Optional<Long> parseId(String text) {
    if (!text.matches("[0-9]{1,18}")) {
      return Optional.empty();
    }
    return Optional.of(Long.parseLong(text));
  }

  private static CommentView view(Comment c, Set<Long> followed) {
    return new CommentView(
        c.id,
        c.createdAt,
        c.updatedAt,
        c.body,
        ProfileView.of(c.author, followed.contains(c.author.id)));
  }
}
