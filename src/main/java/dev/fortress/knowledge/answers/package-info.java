/**
 * Answers: grounded answers to a question over the passages the caller may read, with
 * numbered sources in the prompt, citations mapped back to them, an answer cache and an
 * extractive fallback when no model can be used.
 */
@NullMarked
package dev.fortress.knowledge.answers;

import org.jspecify.annotations.NullMarked;
