package org.conduit.tag;

import java.util.List;

/** {@code {"tags": [...]}}. */
public record TagsResponse(List<String> tags) {}
