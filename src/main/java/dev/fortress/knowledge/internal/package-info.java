/** Ingestion, embedding, the vector index and hybrid search. */
@NullMarked
package dev.fortress.knowledge.internal;

import org.jspecify.annotations.NullMarked;
