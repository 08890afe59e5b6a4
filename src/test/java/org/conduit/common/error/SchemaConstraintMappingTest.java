package org.conduit.common.error;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.hibernate.exception.ConstraintViolationException;
import org.junit.jupiter.api.Test;

/** Constraint violations that race past the services' checks still get their 4xx. */
class SchemaConstraintMappingTest {

  private static Response mapped(String constraint) {
    SQLException sql = new SQLException("violation", "23505");
    return new ErrorMappers(new DatabaseOutage(() -> true, new SimpleMeterRegistry()))
        .unexpected(
            new PersistenceException(
                new ConstraintViolationException("violation", sql, constraint)));
  }

  @Test
  void aRacingDuplicateEmailIs409() {
    Response response = mapped("users_email_unique");
    assertEquals(409, response.getStatus());
    assertEquals(
        Map.of("email", List.of("has already been taken")),
        ((ErrorResponse) response.getEntity()).errors());
  }

  @Test
  void anArticleDeletedUnderAFavoriteOrCommentIs404() {
    for (String constraint :
        List.of(
            "favorites_article_id_fkey",
            "comments_article_id_fkey",
            "article_tags_article_id_fkey")) {
      Response response = mapped(constraint);
      assertEquals(404, response.getStatus(), constraint);
      assertEquals(
          Map.of("article", List.of("not found")),
          ((ErrorResponse) response.getEntity()).errors(),
          constraint);
    }
  }

  @Test
  void anUnknownConstraintIsStillA500Envelope() {
    Response response = mapped("something_else");
    assertEquals(500, response.getStatus());
  }
}
