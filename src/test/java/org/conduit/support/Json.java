package org.conduit.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Requests with a JSON body, as a browser or mobile client sends them. */
public final class Json {

  private Json() {}

  public static RequestSpecification json(Object body) {
    return given().contentType(ContentType.JSON).body(body);
  }

  public static RequestSpecification json(RequestSpecification request, Object body) {
    return request.contentType(ContentType.JSON).body(body);
  }
}
