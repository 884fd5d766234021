package dev.fortress.tasks.graphql;

import dev.fortress.identity.CurrentUser;

/**
 * A DataLoader key: what is asked for and by whom. The batch functions run outside the
 * controller method that knew the caller, so the caller travels with the key and the use
 * case checks the caller's access for the whole batch (every key of one request has the
 * same caller).
 */
record Asked<T>(T subject, CurrentUser caller) {
}
