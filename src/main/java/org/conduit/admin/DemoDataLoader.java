package org.conduit.admin;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.conduit.admin.DemoDataSet.DemoArticle;
import org.conduit.admin.DemoDataSet.DemoComment;
import org.conduit.admin.DemoDataSet.DemoFollow;
import org.conduit.admin.DemoDataSet.DemoUser;
import org.conduit.article.Article;
import org.conduit.article.ArticleService;
import org.conduit.article.Favorite;
import org.conduit.article.NewArticle;
import org.conduit.comment.Comment;
import org.conduit.comment.CommentService;
import org.conduit.comment.NewComment;
import org.conduit.comment.NewCommentRequest;
import org.conduit.profile.Follow;
import org.conduit.profile.ProfileService;
import org.conduit.user.Account;
import org.conduit.user.NewUser;
import org.conduit.user.User;
import org.conduit.user.UserService;

/**
 * Loads {@link DemoDataSet} through the services, adding only what is missing: an account is known
 * by its email, an article by its author and title, a comment by its article, author and body. A
 * second run adds nothing and changes nothing, and one that was interrupted is completed by the
 * next. Existing accounts are used as they are (their password, bio and image are not reset).
 */
@ApplicationScoped
public class DemoDataLoader {

  /** What one run added. */
  public record Added(int users, int follows, int articles, int favorites, int comments) {
    public boolean nothing() {
      return users + follows + articles + favorites + comments == 0;
    }
  }

  private record ArticleRef(long id, String slug) {}

  private final UserService users;
  private final ProfileService profiles;
  private final ArticleService articles;
  private final CommentService comments;

  public DemoDataLoader(
      UserService users,
      ProfileService profiles,
      ArticleService articles,
      CommentService comments) {
    this.users = users;
    this.profiles = profiles;
    this.articles = articles;
    this.comments = comments;
  }

  /**
   * @throws org.conduit.common.error.ApiException when the data set cannot be loaded as it is, e.g.
   *     a demo username belongs to another account, or a demo account has been deactivated
   */
  public Added load() {
    Map<String, User> accounts = new HashMap<>();
    int usersAdded = 0;
    for (DemoUser demo : DemoDataSet.USERS) {
      User existing = read(() -> User.findByEmail(demo.email()).orElse(null));
      if (existing == null) {
        existing = create(demo);
        usersAdded++;
      }
      accounts.put(demo.username(), existing);
    }

    int followsAdded = 0;
    for (DemoFollow follow : DemoDataSet.FOLLOWS) {
      User follower = accounts.get(follow.follower());
      User followed = accounts.get(follow.followed());
      if (!read(() -> Follow.exists(follower.id, followed.id))) {
        profiles.follow(Account.of(follower), followed.username);
        followsAdded++;
      }
    }

    int articlesAdded = 0;
    int favoritesAdded = 0;
    int commentsAdded = 0;
    for (DemoArticle demo : DemoDataSet.ARTICLES) {
      User author = accounts.get(demo.author());
      ArticleRef article = find(author, demo.title());
      if (article == null) {
        articles.create(
            Account.of(author),
            new NewArticle(demo.title(), demo.description(), demo.body(), demo.tags()));
        article = find(author, demo.title());
        articlesAdded++;
      }
      for (String username : demo.favoritedBy()) {
        User fan = accounts.get(username);
        long articleId = article.id();
        if (read(() -> Favorite.count("userId = ?1 and articleId = ?2", fan.id, articleId)) == 0) {
          articles.favorite(article.slug(), Account.of(fan));
          favoritesAdded++;
        }
      }
      for (DemoComment comment : demo.comments()) {
        User commenter = accounts.get(comment.author());
        long articleId = article.id();
        long existing =
            read(
                () ->
                    Comment.count(
                        "articleId = ?1 and author.id = ?2 and body = ?3",
                        articleId,
                        commenter.id,
                        comment.body()));
        if (existing == 0) {
          comments.add(
              article.slug(),
              Account.of(commenter),
              new NewCommentRequest(new NewComment(comment.body())));
          commentsAdded++;
        }
      }
    }
    return new Added(usersAdded, followsAdded, articlesAdded, favoritesAdded, commentsAdded);
  }

  private User create(DemoUser demo) {
    return users.createAccount(
        new NewUser(demo.email(), demo.username(), DemoDataSet.PASSWORD),
        created -> {
          created.bio = demo.bio();
          created.image = demo.image();
        });
  }

  private static ArticleRef find(User author, String title) {
    return read(
        () ->
            Article.<Article>find("author.id = ?1 and title = ?2", author.id, title)
                .firstResultOptional()
                .map(a -> new ArticleRef(a.id, a.slug))
                .orElse(null));
  }

  private static <T> T read(Supplier<T> query) {
    return QuarkusTransaction.requiringNew().call(query::get);
  }
}
