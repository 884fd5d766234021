package dev.fortress.notifications.internal;

/**
 * A rendered message: what is e-mailed and what the app lists.
 *
 * @param subject the subject line
 * @param text the plain-text body
 * @param html the HTML body
 */
record Message(String subject, String text, String html) {
}
