/**
 * Knowledge: semantic and hybrid search, related items and retrieval over the text
 * Fortress holds (tasks, comments, chat messages, products, articles). Every change
 * another module publishes is chunked, embedded in process by a local model
 * ({@link dev.fortress.knowledge.EmbeddingModel}) and indexed asynchronously; each chunk
 * carries its access scope, and every search filters by the caller's readable scopes
 * inside the index. Other modules retrieve through
 * {@link dev.fortress.knowledge.KnowledgeApi}.
 */
@NullMarked
package dev.fortress.knowledge;

import org.jspecify.annotations.NullMarked;
