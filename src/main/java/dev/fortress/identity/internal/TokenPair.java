package dev.fortress.identity.internal;

/** What login and refresh return. */
public record TokenPair(String accessToken, String refreshToken, String tokenType, long expiresIn) {
}
