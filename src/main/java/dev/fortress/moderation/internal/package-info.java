/**
 * The screen ({@code Screen}: rules, posting rate, nearest labels), the after-commit
 * review by the language model ({@code LlmReview}), the queue ({@code ModerationItems})
 * and the moderators' decisions.
 */
@NullMarked
package dev.fortress.moderation.internal;

import org.jspecify.annotations.NullMarked;
