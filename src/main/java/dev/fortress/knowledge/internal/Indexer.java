package dev.fortress.knowledge.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

import dev.fortress.knowledge.EmbeddingModel;

/**
 * Chunks a source, embeds the chunks and stores them. Embedding (milliseconds per chunk)
 * runs before the short write, never inside the transaction of the change that caused it:
 * ingestion runs after that commit, from the event.
 */
@Component
class Indexer {

	private final EmbeddingModel model;

	private final KnowledgeStore store;

	private final Counter chunks;

	private final Timer embedding;

	Indexer(EmbeddingModel model, KnowledgeStore store, MeterRegistry meters) {
		this.model = model;
		this.store = store;
		this.chunks = Counter.builder("knowledge.ingested.chunks")
			.description("Chunks embedded and stored")
			.register(meters);
		this.embedding = Timer.builder("knowledge.embedding")
			.description("Time to embed one source's chunks")
			.register(meters);
	}

	/**
	 * Indexes the source unless the same version is stored with the same scope already.
	 */
	void index(SourceDoc doc) {
		if (!this.store.isStored(doc)) {
			reindex(doc);
		}
	}

	/** Chunks, embeds and stores the source whatever is stored. */
	void reindex(SourceDoc doc) {
		List<String> texts = Chunker.chunks(doc.text());
		if (texts.isEmpty()) {
			texts = List.of(doc.title());
		}
		List<String> inputs = new ArrayList<>(texts.size());
		texts.forEach(text -> inputs.add(doc.title() + "\n" + text));
		List<float[]> vectors = this.embedding.record(() -> this.model.embedAll(inputs));
		if (this.store.replace(doc, texts, vectors)) {
			this.chunks.increment(texts.size());
		}
	}

	void remove(String type, UUID id) {
		this.store.remove(type, id);
	}

	void removeScope(String scope) {
		this.store.removeScope(scope);
	}

}
