package dev.fortress.identity;

import java.util.UUID;

/** What other modules may know about a user: enough to show and reference them. */
public record UserSummary(UUID id, String email, String displayName, Role role, boolean disabled) {
}
