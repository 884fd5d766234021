/**
 * Notifications: what a person is told when something happens to them (an order
 * confirmed, a payment that failed, a refund, a password change, a task assigned to them,
 * a mention in a comment or a chat message). Driven only by domain events; rendered from
 * templates (HTML and plain text); sent over SMTP or written as {@code .eml} files;
 * listed in the app.
 */
package dev.fortress.notifications;
