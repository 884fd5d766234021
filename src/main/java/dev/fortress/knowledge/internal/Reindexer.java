package dev.fortress.knowledge.internal;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import jakarta.annotation.PreDestroy;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

import dev.fortress.content.ContentApi;
import dev.fortress.knowledge.internal.KnowledgeStore.Source;

/**
 * Rebuilds the stored chunks: every article (the content module can list them) and every
 * source stored already, each re-read from its module and re-embedded (a chat message,
 * which no module lists for us, from its stored text). For a new embedding model or
 * chunking rule. One run at a time per instance, on its own thread; progress is in the
 * {@code knowledge.reindex.*} gauges. Each instance's index follows the log as usual.
 */
@Service
public class Reindexer {

	private static final Logger log = LoggerFactory.getLogger(Reindexer.class);

	private static final int PAGE = 200;

	private final KnowledgeStore store;

	private final Sources sources;

	private final Indexer indexer;

	private final ContentApi content;

	private final AtomicBoolean running = new AtomicBoolean();

	/**
	 * Set when the application stops: a running re-index ends after its current source.
	 */
	private volatile boolean stopping;

	private final AtomicLong total = new AtomicLong();

	private final AtomicLong done = new AtomicLong();

	Reindexer(KnowledgeStore store, Sources sources, Indexer indexer, ContentApi content, MeterRegistry meters) {
		this.store = store;
		this.sources = sources;
		this.indexer = indexer;
		this.content = content;
		Gauge.builder("knowledge.reindex.total", this.total, AtomicLong::get)
			.description("Sources the running (or last) re-index walks")
			.register(meters);
		Gauge.builder("knowledge.reindex.done", this.done, AtomicLong::get)
			.description("Sources the running (or last) re-index has re-embedded")
			.register(meters);
		Gauge.builder("knowledge.reindex.running", this.running, r -> r.get() ? 1 : 0)
			.description("1 while a re-index runs")
			.register(meters);
	}

	/** Starts a re-index unless one runs; returns whether this call started it. */
	public boolean start() {
		if (!this.running.compareAndSet(false, true)) {
			return false;
		}
		this.total.set(this.store.countSources());
		this.done.set(0);
		Thread thread = new Thread(this::run, "knowledge-reindex");
		thread.setDaemon(true);
		thread.start();
		return true;
	}

	public boolean running() {
		return this.running.get();
	}

	@PreDestroy
	void stop() {
		this.stopping = true;
	}

	private void run() {
		try {
			UUID afterArticle = null;
			for (List<UUID> page = this.content.articleIds(null, PAGE); !page.isEmpty(); page = this.content
				.articleIds(afterArticle, PAGE)) {
				for (UUID id : page) {
					if (this.stopping) {
						return;
					}
					this.sources.article(id).ifPresent(this.indexer::reindex);
				}
				afterArticle = page.get(page.size() - 1);
			}
			Source after = null;
			for (List<Source> page = this.store.sourcesAfter(null, PAGE); !page.isEmpty(); page = this.store
				.sourcesAfter(after, PAGE)) {
				for (Source source : page) {
					if (this.stopping) {
						return;
					}
					reindex(source);
				}
				after = page.get(page.size() - 1);
			}
			log.info("Knowledge re-index done: {} sources", this.done.get());
		}
		catch (RuntimeException ex) {
			log.error("Knowledge re-index failed after {} sources", this.done.get(), ex);
		}
		finally {
			this.running.set(false);
		}
	}

	private void reindex(Source source) {
		switch (source.type()) {
			case Sources.TASK -> this.sources.task(source.id())
				.ifPresentOrElse(this.indexer::reindex, () -> this.indexer.remove(Sources.TASK, source.id()));
			case Sources.PRODUCT -> this.sources.product(source.id()).ifPresent(this.indexer::reindex);
			case Sources.ARTICLE -> {
				// re-read above, with every article
			}
			default -> reembed(source);
		}
		this.done.incrementAndGet();
	}

	/** A comment or message: its stored text, re-chunked and re-embedded. */
	private void reembed(Source source) {
		this.store.stored(source).ifPresent(this.indexer::reindex);
	}

}
