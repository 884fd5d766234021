/**
 * The language model gateway: the OpenAI-compatible chat model built from
 * {@code fortress.llm.*} through Spring AI, behind timeouts, retries, a circuit breaker,
 * the per-user daily token quota and the cost meter. Implements
 * {@link dev.fortress.knowledge.LanguageModel}.
 */
@NullMarked
package dev.fortress.knowledge.llm;

import org.jspecify.annotations.NullMarked;
