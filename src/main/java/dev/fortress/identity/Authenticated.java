package dev.fortress.identity;

import java.time.Instant;

/**
 * An access token that verified and whose account may still use it: the caller, with the
 * role the account has now, and when the token stops working. For transports that keep a
 * connection open past one request (the WebSocket), which must refuse a caller once the
 * token expires.
 */
public record Authenticated(CurrentUser user, Instant expiresAt) {
}
