package org.conduit.recovery;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.conduit.common.validation.Messages;
import org.conduit.throttle.ClientAddress;
import org.conduit.user.UserResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** Forgotten passwords: ask for a reset link by email, then set a new password with it. */
@Path("/api/users/password-reset")
@Tag(name = "User and Authentication")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PasswordResetResource {

  private final AccountRecovery recovery;
  private final ClientAddress client;

  public PasswordResetResource(AccountRecovery recovery, ClientAddress client) {
    this.recovery = recovery;
    this.client = client;
  }

  @POST
  @ResponseStatus(202)
  @Operation(
      summary = "Ask for a password-reset link by email",
      description =
          "The same answer for every email, at once: an active account with this email is sent a"
              + " link in the background, valid once and for a limited time.")
  @APIResponse(
      responseCode = "202",
      description = "Accepted; the body echoes the email, whether or not it has an account",
      content = @Content(schema = @Schema(implementation = ResetRequest.class)))
  @APIResponse(responseCode = "422", description = "Missing or invalid email, malformed JSON")
  @APIResponse(
      responseCode = "429",
      description = "Too many requests from this address or for this email (Retry-After)")
  @APIResponse(
      responseCode = "503",
      description = "The server has no public URL configured for the links (Retry-After)")
  public ResetRequest request(@Valid @NotNull(message = Messages.BLANK) ResetRequest body) {
    recovery.request(body.user().email(), client.key());
    return body;
  }

  @POST
  @Path("/confirm")
  @Operation(summary = "Set a new password with the token of a reset link, and sign in")
  @APIResponse(
      responseCode = "200",
      description = "Password set; every earlier token is revoked and the reply carries a new one",
      content = @Content(schema = @Schema(implementation = UserResponse.class)))
  @APIResponse(
      responseCode = "422",
      description =
          "A used, expired, superseded or unknown token (token: is invalid or has expired), or a"
              + " password outside the rules, malformed JSON")
  public UserResponse confirm(@Valid @NotNull(message = Messages.BLANK) ResetConfirmation body) {
    return new UserResponse(
        recovery.confirm(body.user().token(), body.user().password(), client.key()));
  }
}
