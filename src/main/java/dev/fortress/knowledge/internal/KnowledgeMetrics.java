package dev.fortress.knowledge.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The index's state for operators: how many chunks it holds and how far it is behind the
 * change log ({@code knowledge.index.lag}, in logged changes not yet applied; zero when
 * it has caught up). A lag that grows means ingestion outpaces the index.
 */
@Component
class KnowledgeMetrics {

	KnowledgeMetrics(VectorIndex index, KnowledgeStore store, MeterRegistry meters) {
		Gauge.builder("knowledge.index.chunks", index, VectorIndex::documents)
			.description("Chunks in this instance's index")
			.register(meters);
		Gauge.builder("knowledge.index.lag", index, i -> Math.max(0, store.lastSeq() - i.appliedSeq()))
			.description("Logged changes this instance's index has not applied yet")
			.register(meters);
	}

}
