package org.conduit.profile;

/** {@code {"profile": {...}}}. */
public record ProfileResponse(ProfileView profile) {}
