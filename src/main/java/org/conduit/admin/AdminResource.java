package org.conduit.admin;

import jakarta.annotation.security.RolesAllowed;
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
import org.conduit.article.Paging;
import org.conduit.user.AccountRoles;
import org.conduit.user.CurrentUser;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * The administration API, for staff (and the admin site, which calls it). Each method names the
 * role it needs, from the caller's account as it is now ({@code user/AccountRoles}): a change of
 * their flags, or a deactivation, counts on their next request. No token: 401; without the role:
 * 403 {@code permission}. A method without {@code @RolesAllowed} would be public:
 * EndpointPermissionsTest walks every admin endpoint and fails.
 */
@Tag(name = "Administration")
@Path("/api/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

  private final Administration administration;
  private final CurrentUser currentUser;

  public AdminResource(Administration administration, CurrentUser currentUser) {
    this.administration = administration;
    this.currentUser = currentUser;
  }

  @RolesAllowed(AccountRoles.STAFF)
  @GET
  @Path("/users")
  @Operation(summary = "Accounts whose email or username starts with search (staff)")
  @APIResponse(responseCode = "200", description = "A page of accounts and the count of all")
  @APIResponse(responseCode = "401", description = "Missing, invalid or revoked token")
  @APIResponse(responseCode = "403", description = "Not staff")
  @APIResponse(responseCode = "422", description = "limit or offset is not a valid number")
  public AdminUsersResponse users(
      @QueryParam("search") String search,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    return administration.search(search, Paging.parse(limit, offset));
  }

  @RolesAllowed(AccountRoles.STAFF)
  @GET
  @Path("/users/{username}")
  @Operation(summary = "One account (staff)")
  @APIResponse(responseCode = "200", description = "The account")
  @APIResponse(responseCode = "401", description = "Missing, invalid or revoked token")
  @APIResponse(responseCode = "403", description = "Not staff")
  @APIResponse(responseCode = "404", description = "No such account")
  public AdminUserResponse user(@PathParam("username") String username) {
    return new AdminUserResponse(administration.account(username));
  }

  @RolesAllowed(AccountRoles.STAFF)
  @GET
  @Path("/users/{username}/articles")
  @Operation(summary = "An account's articles, newest first, hidden ones included (staff)")
  @APIResponse(responseCode = "200", description = "A page of articles and their count")
  @APIResponse(responseCode = "401", description = "Missing, invalid or revoked token")
  @APIResponse(responseCode = "403", description = "Not staff")
  @APIResponse(responseCode = "404", description = "No such account")
  @APIResponse(responseCode = "422", description = "limit or offset is not a valid number")
  public AdminArticlesResponse articles(
      @PathParam("username") String username,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    return administration.articlesOf(username, Paging.parse(limit, offset));
  }

  @RolesAllowed(AccountRoles.STAFF)
  @GET
  @Path("/users/{username}/comments")
  @Operation(summary = "An account's comments, newest first (staff)")
  @APIResponse(responseCode = "200", description = "A page of comments and their count")
  @APIResponse(responseCode = "401", description = "Missing, invalid or revoked token")
  @APIResponse(responseCode = "403", description = "Not staff")
  @APIResponse(responseCode = "404", description = "No such account")
  @APIResponse(responseCode = "422", description = "limit or offset is not a valid number")
  public AdminCommentsResponse comments(
      @PathParam("username") String username,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    return administration.commentsOf(username, Paging.parse(limit, offset));
  }

  @RolesAllowed(AccountRoles.STAFF)
  @POST
  @Path("/users/{username}/deactivate")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Deactivate an account: no sign-in, tokens refused, articles and comments hidden")
  @APIResponse(responseCode = "200", description = "The account, deactivated")
  @APIResponse(responseCode = "401", description = "Missing, invalid or revoked token")
  @APIResponse(
      responseCode = "403",
      description = "Not staff, or a staff account and the caller is not a superuser")
  @APIResponse(responseCode = "404", description = "No such account")
  @APIResponse(
      responseCode = "409",
      description = "The caller's own account, or the last active superuser")
  @APIResponse(responseCode = "422", description = "No reason given, or malformed JSON")
  public AdminUserResponse deactivate(@PathParam("username") String username, ReasonRequest body) {
    return new AdminUserResponse(
        administration.setActive(actor(), username, false, body == null ? null : body.reason()));
  }

  @RolesAllowed(AccountRoles.STAFF)
  @POST
  @Path("/users/{username}/reactivate")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Reactivate an account (its earlier tokens stay refused)")
  @APIResponse(responseCode = "200", description = "The account, active")
  @APIResponse(responseCode = "401", description = "Missing, invalid or revoked token")
  @APIResponse(
      responseCode = "403",
      description = "Not staff, or a staff account and the caller is not a superuser")
  @APIResponse(responseCode = "404", description = "No such account")
  @APIResponse(responseCode = "409", description = "The caller's own account")
  @APIResponse(responseCode = "422", description = "No reason given, or malformed JSON")
  public AdminUserResponse reactivate(@PathParam("username") String username, ReasonRequest body) {
    return new AdminUserResponse(
        administration.setActive(actor(), username, true, body == null ? null : body.reason()));
  }

  @RolesAllowed(AccountRoles.SUPERUSER)
  @PUT
  @Path("/users/{username}/staff")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Grant or withdraw staff status (superusers)")
  @APIResponse(responseCode = "200", description = "The account")
  @APIResponse(responseCode = "401", description = "Missing, invalid or revoked token")
  @APIResponse(responseCode = "403", description = "Not a superuser")
  @APIResponse(responseCode = "404", description = "No such account")
  @APIResponse(
      responseCode = "409",
      description = "The caller's own account, or the last active superuser")
  @APIResponse(responseCode = "422", description = "No staff value, or malformed JSON")
  public AdminUserResponse staff(@PathParam("username") String username, StaffRequest body) {
    return new AdminUserResponse(
        administration.setStaff(
            actor(),
            username,
            body == null ? null : body.staff(),
            body == null ? null : body.reason()));
  }

  @RolesAllowed(AccountRoles.SUPERUSER)
  @POST
  @Path("/users/{username}/password-reset")
  @Consumes(MediaType.APPLICATION_JSON)
  @ResponseStatus(202)
  @Operation(
      summary =
          "Mail the account a password-reset link (superusers); the reason, if any, is audited")
  @APIResponse(responseCode = "202", description = "The account; the mail leaves in the background")
  @APIResponse(responseCode = "401", description = "Missing, invalid or revoked token")
  @APIResponse(responseCode = "403", description = "Not a superuser")
  @APIResponse(responseCode = "404", description = "No such account")
  @APIResponse(responseCode = "409", description = "The account is deactivated")
  @APIResponse(responseCode = "422", description = "A reason that is too long, or malformed JSON")
  @APIResponse(
      responseCode = "429",
      description = "The account has been sent too many links lately (Retry-After)")
  @APIResponse(
      responseCode = "503",
      description = "The server has no public URL configured for the links (Retry-After)")
  public AdminUserResponse sendPasswordReset(
      @PathParam("username") String username, ReasonRequest body) {
    return new AdminUserResponse(
        administration.sendPasswordReset(actor(), username, body == null ? null : body.reason()));
  }

  @RolesAllowed(AccountRoles.STAFF)
  @DELETE
  @Path("/articles/{slug}")
  @Operation(summary = "Take down any article, with its comments and favorites (staff)")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "401", description = "Missing, invalid or revoked token")
  @APIResponse(responseCode = "403", description = "Not staff")
  @APIResponse(responseCode = "404", description = "No such article")
  @APIResponse(responseCode = "422", description = "No reason given")
  public void deleteArticle(@PathParam("slug") String slug, @QueryParam("reason") String reason) {
    administration.deleteArticle(actor(), slug, reason);
  }

  @RolesAllowed(AccountRoles.STAFF)
  @DELETE
  @Path("/articles/{slug}/comments/{id}")
  @Operation(summary = "Take down any comment (staff)")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "401", description = "Missing, invalid or revoked token")
  @APIResponse(responseCode = "403", description = "Not staff")
  @APIResponse(responseCode = "404", description = "No such article or comment")
  @APIResponse(responseCode = "422", description = "No reason given")
  public void deleteComment(
      @PathParam("slug") String slug,
      @PathParam("id") String id,
      @QueryParam("reason") String reason) {
    administration.deleteComment(actor(), slug, id, reason);
  }

  @RolesAllowed(AccountRoles.STAFF)
  @GET
  @Path("/audit")
  @Operation(summary = "The audit log, newest first (staff)")
  @APIResponse(responseCode = "200", description = "A page of entries and the count of all")
  @APIResponse(responseCode = "401", description = "Missing, invalid or revoked token")
  @APIResponse(responseCode = "403", description = "Not staff")
  @APIResponse(responseCode = "422", description = "limit or offset is not a valid number")
  public AuditResponse audit(
      @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
    return administration.audit(Paging.parse(limit, offset));
  }

  /** The caller, whose role {@code @RolesAllowed} has checked. */
  private Actor actor() {
    return Actor.of(currentUser.require());
  }
}
