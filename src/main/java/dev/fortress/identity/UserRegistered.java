package dev.fortress.identity;

import java.time.Instant;
import java.util.UUID;

/** Published when an account is created, by self-registration or the admin bootstrap. */
public record UserRegistered(UUID userId, String email, String displayName, Instant registeredAt) {
}
