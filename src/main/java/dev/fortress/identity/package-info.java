/**
 * Identity: accounts, passwords, access and refresh tokens, global roles, and the
 * security filter chain that authenticates every request. Other modules see the caller as
 * a {@link dev.fortress.identity.CurrentUser} and look users up through
 * {@link dev.fortress.identity.IdentityApi}.
 */
package dev.fortress.identity;
