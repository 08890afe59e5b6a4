package org.conduit.common.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Gives every 4xx and 5xx response of the document the {@code errors} envelope as its body, so that
 * resources only declare which statuses they answer, not the same schema again and again.
 */
public class ErrorEnvelopeFilter implements OASFilter {

  private static final String SCHEMA_REF = "#/components/schemas/ErrorResponse";

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    if (openAPI.getComponents() == null) {
      openAPI.setComponents(OASFactory.createComponents());
    }
    openAPI.getComponents().addSchema("ErrorResponse", errorResponseSchema());
    if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
      return;
    }
    openAPI.getPaths().getPathItems().values().stream()
        .flatMap(item -> item.getOperations().values().stream())
        .filter(operation -> operation.getResponses() != null)
        .forEach(
            operation ->
                operation
                    .getResponses()
                    .getAPIResponses()
                    .forEach(
                        (status, response) -> {
                          if ((status.startsWith("4") || status.startsWith("5"))
                              && response.getContent() == null) {
                            response.setContent(envelope());
                          }
                        }));
  }

  /** {@code {"errors": {"<key>": ["<message>", ...]}}}. */
  private static Schema errorResponseSchema() {
    Schema messages =
        OASFactory.createSchema()
            .addType(Schema.SchemaType.ARRAY)
            .items(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
    return OASFactory.createSchema()
        .addType(Schema.SchemaType.OBJECT)
        .description("Every error: messages grouped by field or subject")
        .addRequired("errors")
        .addProperty(
            "errors",
            OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .additionalPropertiesSchema(messages));
  }

  private static Content envelope() {
    return OASFactory.createContent()
        .addMediaType(
            "application/json",
            OASFactory.createMediaType().schema(OASFactory.createSchema().ref(SCHEMA_REF)));
  }
}
