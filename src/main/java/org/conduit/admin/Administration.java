package org.conduit.admin;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.conduit.article.ArticleService;
import org.conduit.article.Paging;
import org.conduit.comment.CommentService;
import org.conduit.common.cache.Change;
import org.conduit.common.cache.DatabaseChanges;
import org.conduit.common.db.Sql;
import org.conduit.common.error.ApiException;
import org.conduit.common.json.SafeStrings;
import org.conduit.common.validation.Messages;
import org.conduit.recovery.AccountRecovery;
import org.conduit.user.User;

/**
 * What staff may do to run the site, each action recorded in the audit log in its own transaction:
 * find accounts and what they wrote, deactivate and reactivate accounts, grant and withdraw staff,
 * take down articles and comments. Staff may act on ordinary accounts; only a superuser acts on
 * staff accounts or grants staff. Nobody acts on their own account here, and the last active
 * superuser can be neither deactivated nor demoted: the site always keeps someone who can run it.
 */
@ApplicationScoped
public class Administration {

  static final int MAX_REASON = 1000;

  private static final String ACCOUNT_COLUMNS =
      "SELECT u.username, u.email, u.bio, u.image, u.is_active, u.is_staff, u.is_superuser,"
          + " u.created_at, u.last_login, coalesce(c.articles, 0) AS articles,"
          + " (SELECT count(*) FROM comments m WHERE m.author_id = u.id) AS comments"
          + " FROM users u LEFT JOIN user_counts c ON c.user_id = u.id";

  private final DatabaseChanges changes;
  private final ArticleService articles;
  private final CommentService comments;
  private final AccountRecovery recovery;

  public Administration(
      DatabaseChanges changes,
      ArticleService articles,
      CommentService comments,
      AccountRecovery recovery) {
    this.changes = changes;
    this.articles = articles;
    this.comments = comments;
    this.recovery = recovery;
  }

  /** 403 {@code {"errors":{"permission":["forbidden"]}}}. */
  static ApiException forbidden() {
    return ApiException.forbidden("permission");
  }

  /**
   * Accounts whose email or username starts with {@code search} (every account when it is blank),
   * deactivated ones included, by username.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public AdminUsersResponse search(String search, Paging paging) {
    String prefix = search == null ? "" : search.strip().toLowerCase();
    Map<String, Object> parameters = new HashMap<>();
    String where = "";
    if (!prefix.isEmpty()) {
      where = " WHERE lower(u.email) LIKE :prefix OR lower(u.username) LIKE :prefix";
      parameters.put("prefix", likePrefix(prefix));
    }
    long count = Sql.single("SELECT count(*) FROM users u" + where, parameters);
    parameters.put("offset", new Sql.Literal(paging.offset()));
    parameters.put("limit", new Sql.Literal(paging.limit()));
    List<AdminUserView> users =
        count > paging.offset()
            ? Sql.list(
                ACCOUNT_COLUMNS + where + " ORDER BY lower(u.username) OFFSET :offset LIMIT :limit",
                parameters,
                Administration::account)
            : List.of();
    return new AdminUsersResponse(users, count);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public AdminUserView account(String username) {
    return Sql.list(
            ACCOUNT_COLUMNS + " WHERE lower(u.username) = lower(:username)",
            Map.of("username", username),
            Administration::account)
        .stream()
        .findFirst()
        .orElseThrow(() -> ApiException.notFound("user"));
  }

  /** The account's articles, newest first, hidden ones included. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public AdminArticlesResponse articlesOf(String username, Paging paging) {
    long id = require(username).id;
    List<AdminArticleView> page =
        Sql.list(
            "SELECT a.slug, a.title, a.created_at, a.visible,"
                + " coalesce(ac.favorites, 0) AS favorites"
                + " FROM articles a LEFT JOIN article_counts ac ON ac.article_id = a.id"
                + " WHERE a.author_id = :id ORDER BY a.created_at DESC, a.id DESC"
                + " OFFSET :offset LIMIT :limit",
            pageOf(id, paging),
            row ->
                new AdminArticleView(
                    row.getString("slug"),
                    row.getString("title"),
                    Sql.instant(row, "created_at"),
                    row.getBoolean("visible"),
                    row.getLong("favorites")));
    long count =
        Sql.single(
            "SELECT coalesce((SELECT articles FROM user_counts WHERE user_id = :id), 0)",
            Map.of("id", id));
    return new AdminArticlesResponse(page, count);
  }

  /** The account's comments, newest first, with the articles they are on. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public AdminCommentsResponse commentsOf(String username, Paging paging) {
    long id = require(username).id;
    List<AdminCommentView> page =
        Sql.list(
            "SELECT m.id, a.slug, a.title, m.body, m.created_at FROM comments m"
                + " JOIN articles a ON a.id = m.article_id WHERE m.author_id = :id"
                + " ORDER BY m.created_at DESC, m.id DESC OFFSET :offset LIMIT :limit",
            pageOf(id, paging),
            row ->
                new AdminCommentView(
                    row.getLong("id"),
                    row.getString("slug"),
                    row.getString("title"),
                    row.getString("body"),
                    Sql.instant(row, "created_at")));
    long count =
        Sql.single("SELECT count(*) FROM comments WHERE author_id = :id", Map.of("id", id));
    return new AdminCommentsResponse(page, count);
  }

  /**
   * Deactivates or reactivates an account. A deactivated account cannot sign in, its tokens stop
   * working on their next request on every replica, and its articles and comments are hidden; a
   * reactivation brings the account back, not the tokens issued before. Doing it again changes
   * nothing and records nothing.
   */
  @Transactional
  public AdminUserView setActive(Actor actor, String username, boolean active, String reason) {
    String why = reason(reason, actor.id() != null);
    User target = require(username);
    if (actor.is(target.id)) {
      throw conflict(active ? "cannot reactivate yourself" : "cannot deactivate yourself");
    }
    if ((target.staff || target.superuser) && !actor.superuser()) {
      throw forbidden();
    }
    if (target.active != active) {
      if (!active && target.superuser) {
        requireAnotherActiveSuperuser(target);
      }
      target.active = active;
      if (!active) {
        target.revokeTokens(); // for good: a reactivation does not bring old tokens back
      }
      record(actor, active ? "reactivate" : "deactivate", "user " + target.username, why);
      changes.afterCommit(Change.account(target.id));
      target.flush();
    }
    return account(target.username);
  }

  /**
   * Grants or withdraws staff status (superusers: the API's {@code @RolesAllowed}). Withdrawing it
   * from a superuser demotes them to an ordinary account altogether, unless they are the last
   * active one.
   */
  @Transactional
  public AdminUserView setStaff(Actor actor, String username, Boolean staff, String reason) {
    if (staff == null) {
      throw new ApiException(422, "staff", Messages.BLANK);
    }
    String why = reason(reason, false);
    User target = require(username);
    if (actor.is(target.id)) {
      throw conflict("cannot change your own staff status");
    }
    boolean moderates = target.staff || target.superuser;
    if (moderates != staff) {
      if (!staff && target.superuser) {
        requireAnotherActiveSuperuser(target);
      }
      record(
          actor,
          staff ? "grant staff" : target.superuser ? "withdraw superuser" : "withdraw staff",
          "user " + target.username,
          why);
      target.staff = staff;
      target.superuser = target.superuser && staff;
      changes.afterCommit(Change.account(target.id));
      target.flush();
    }
    return account(target.username);
  }

  /**
   * Mails an active account a password-reset link (superusers: the API's {@code @RolesAllowed}), as
   * if its owner had asked; the account's bound on reset mails applies (429). Audited in the link's
   * transaction.
   */
  public AdminUserView sendPasswordReset(Actor actor, String username, String reason) {
    String why = reason(reason, false);
    long id = QuarkusTransaction.requiringNew().call(() -> require(username).id);
    recovery.sendLink(
        id, user -> record(actor, "send password reset", "user " + user.username, why));
    return QuarkusTransaction.requiringNew().call(() -> account(username));
  }

  /**
   * Sets an account's password from the command line ({@code set-password}, like Django's {@code
   * changepassword}): every token of the account is revoked and its login locks are lifted.
   */
  public User setPassword(Actor actor, String email, String password) {
    return recovery.setPassword(
        email, password, user -> record(actor, "set password", "user " + user.username, null));
  }

  /** Takes down any article, listed or not, with its comments and favorites. */
  @Transactional
  public void deleteArticle(Actor actor, String slug, String reason) {
    String why = reason(reason, true);
    record(actor, "delete article", articles.takeDown(slug), why);
  }

  /** Takes down one comment of an article. */
  @Transactional
  public void deleteComment(Actor actor, String slug, String commentId, String reason) {
    String why = reason(reason, true);
    record(actor, "delete comment", comments.takeDown(slug, commentId), why);
  }

  /** Records the creation of a superuser by the command line, in the creation's transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void superuserCreated(Actor actor, User user) {
    record(actor, "create superuser", "user " + user.username, null);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public AuditResponse audit(Paging paging) {
    return new AuditResponse(
        AuditEntry.newestFirst(paging).stream().map(AuditView::of).toList(), AuditEntry.count());
  }

  private static void record(Actor actor, String action, String target, String reason) {
    AuditEntry.record(actor, action, target, reason);
  }

  private static User require(String username) {
    return User.findByUsername(username).orElseThrow(() -> ApiException.notFound("user"));
  }

  /**
   * Locks every active superuser (in id order, so that two demotions queue rather than deadlock)
   * and refuses when the target is the only one: two superusers demoting each other at once leave
   * one.
   */
  private static void requireAnotherActiveSuperuser(User target) {
    List<Long> superusers =
        Sql.list(
            "SELECT id FROM users WHERE is_superuser AND is_active ORDER BY id FOR NO KEY UPDATE",
            Map.of(),
            row -> row.getLong(1));
    if (superusers.stream().allMatch(target.id::equals)) {
      throw conflict("is the last active superuser");
    }
  }

  /** Trimmed; required from staff (422 when blank), at most {@value #MAX_REASON} characters. */
  private static String reason(String reason, boolean required) {
    String text = reason == null ? "" : reason.strip();
    if (text.isEmpty()) {
      if (required) {
        throw new ApiException(422, "reason", Messages.BLANK);
      }
      return null;
    }
    if (text.length() > MAX_REASON) {
      throw new ApiException(
          422, "reason", Messages.TOO_LONG.replace("{max}", String.valueOf(MAX_REASON)));
    }
    if (!SafeStrings.isSafe(text)) {
      throw new ApiException(422, "reason", Messages.INVALID);
    }
    return text;
  }

  private static ApiException conflict(String message) {
    return new ApiException(409, "user", message);
  }

  /** {@code LIKE} matches the text itself, then anything: its own wildcards are escaped. */
  private static String likePrefix(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  private static Map<String, Object> pageOf(long id, Paging paging) {
    return Map.of(
        "id", id,
        "offset", new Sql.Literal(paging.offset()),
        "limit", new Sql.Literal(paging.limit()));
  }

  /**
   * A row of {@link #ACCOUNT_COLUMNS}, read by column name: a column added to or moved in the
   * select list cannot shift the mapping, and one renamed fails loudly.
   */
  private static AdminUserView account(ResultSet row) throws SQLException {
    return new AdminUserView(
        row.getString("username"),
        row.getString("email"),
        row.getString("bio"),
        row.getString("image"),
        row.getBoolean("is_active"),
        row.getBoolean("is_staff"),
        row.getBoolean("is_superuser"),
        Sql.instant(row, "created_at"),
        Sql.instant(row, "last_login"),
        row.getLong("articles"),
        row.getLong("comments"));
  }
}
