/**
 * Moderation: screens what users write (chat messages, task comments, articles) as it is
 * stored — link and spam rules, the author's posting rate, the nearest labelled examples
 * in meaning — holds what looks wrong for a moderator, asks the configured language model
 * about borderline text after the commit, and publishes the moderators' decisions as
 * {@link dev.fortress.platform.moderation.ContentModerated} for the owning modules to
 * apply. The owners know it only through the platform's
 * {@link dev.fortress.platform.moderation.ContentScreen}.
 */
@NullMarked
package dev.fortress.moderation;

import org.jspecify.annotations.NullMarked;
