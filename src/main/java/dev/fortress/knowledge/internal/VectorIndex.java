package dev.fortress.knowledge.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.fortress.knowledge.internal.KnowledgeStore.Change;
import dev.fortress.knowledge.internal.KnowledgeStore.Source;
import dev.fortress.platform.config.FortressProperties;

/**
 * This instance's Lucene index of the chunks: HNSW vectors for nearest neighbours and
 * BM25 on the same documents for words, so one access filter serves both. It follows
 * {@code knowledge_log} by sequence (polling every {@code poll}), replacing each changed
 * source's documents with its chunks as stored now, and records the last applied sequence
 * in its commits. A fresh or lost index thus rebuilds itself from the log; an index ahead
 * of the log (a wiped database) is cleared. If another process holds the directory (a
 * second test context in the same JVM) the index lives in memory instead.
 */
@Component
class VectorIndex implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(VectorIndex.class);

	private static final String APPLIED = "appliedSeq";

	private static final int BATCH = 500;

	/** How many nearest neighbours the graph search collects at least. */
	static final int CANDIDATES = 100;

	private final KnowledgeStore store;

	private final Analyzer analyzer = new EnglishAnalyzer();

	private final Path path;

	private final long pollMillis;

	private final AtomicLong applied = new AtomicLong();

	private volatile boolean running;

	/** Whether the last poll failed (only the follower thread touches it). */
	private boolean failing;

	private Directory directory;

	private IndexWriter writer;

	private SearcherManager searchers;

	private ScheduledExecutorService follower;

	VectorIndex(KnowledgeStore store, FortressProperties fortress, KnowledgeProperties properties) {
		this.store = store;
		this.path = fortress.dataDir().resolve("knowledge").resolve("index").toAbsolutePath().normalize();
		this.pollMillis = properties.poll().toMillis();
	}

	@Override
	public void start() {
		try {
			open();
			this.follower = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "knowledge-index");
				thread.setDaemon(true);
				return thread;
			});
			this.follower.scheduleWithFixedDelay(this::followSafely, 0, this.pollMillis, TimeUnit.MILLISECONDS);
			this.running = true;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open the knowledge index in " + this.path, ex);
		}
	}

	private void open() throws IOException {
		Files.createDirectories(this.path);
		Directory disk = FSDirectory.open(this.path);
		try {
			this.writer = new IndexWriter(disk, new IndexWriterConfig(this.analyzer));
			this.directory = disk;
		}
		catch (LockObtainFailedException ex) {
			log.warn("The knowledge index in {} is in use by another process; this one keeps its own in memory",
					this.path);
			disk.close();
			this.directory = new ByteBuffersDirectory();
			this.writer = new IndexWriter(this.directory, new IndexWriterConfig(this.analyzer));
		}
		Map<String, String> data = new java.util.HashMap<>();
		this.writer.getLiveCommitData().forEach(entry -> data.put(entry.getKey(), entry.getValue()));
		long committed = Long.parseLong(data.getOrDefault(APPLIED, "0"));
		if (committed > this.store.lastSeq()) {
			log.warn("The knowledge index is ahead of its log (a new database?): clearing it");
			this.writer.deleteAll();
			committed = 0;
		}
		this.applied.set(committed);
		this.searchers = new SearcherManager(this.writer, null);
	}

	private void followSafely() {
		try {
			while (follow() == BATCH) {
				// drain a backlog before sleeping again
			}
			if (this.failing) {
				this.failing = false;
				log.info("The knowledge index applies the log again");
			}
		}
		catch (RuntimeException | IOException ex) {
			// once per outage, not five times a second while the database is away
			if (!this.failing) {
				this.failing = true;
				log.warn("The knowledge index cannot apply the log; retrying every poll: {}", ex.toString());
			}
		}
	}

	/** Applies one batch of the log; returns how many changes it had. */
	int follow() throws IOException {
		List<Change> changes = this.store.changesAfter(this.applied.get(), BATCH);
		if (changes.isEmpty()) {
			return 0;
		}
		Set<Source> sources = new LinkedHashSet<>();
		changes.forEach(change -> sources.add(change.source()));
		for (Source source : sources) {
			this.writer.deleteDocuments(new Term("source", Chunk.key(source.type(), source.id())));
		}
		for (Chunk chunk : this.store.chunks(sources)) {
			this.writer.addDocument(document(chunk));
		}
		long last = changes.get(changes.size() - 1).seq();
		this.writer.setLiveCommitData(Map.of(APPLIED, Long.toString(last)).entrySet());
		this.writer.commit();
		this.searchers.maybeRefresh();
		this.applied.set(last);
		return changes.size();
	}

	private static Document document(Chunk chunk) {
		Document doc = new Document();
		doc.add(new StringField("source", chunk.sourceKey(), Field.Store.NO));
		doc.add(new StringField("type", chunk.type(), Field.Store.YES));
		doc.add(new StoredField("id", chunk.id().toString()));
		doc.add(new StoredField("chunk", chunk.chunkNo()));
		doc.add(new StringField("scope", chunk.scope(), Field.Store.NO));
		if (chunk.kind() != null) {
			doc.add(new StringField("kind", chunk.kind(), Field.Store.YES));
		}
		doc.add(new TextField("title", chunk.title(), Field.Store.YES));
		doc.add(new TextField("text", chunk.text(), Field.Store.YES));
		doc.add(new KnnFloatVectorField("vector", chunk.embedding(), VectorSimilarityFunction.DOT_PRODUCT));
		return doc;
	}

	/**
	 * The k chunks nearest the vector among those the filter admits (HNSW, filtered),
	 * taken from at least {@link #CANDIDATES} candidates: with fewer, recall@10 against
	 * exact search fell below 0.95 on 100,000 chunks (docs/performance.md).
	 */
	List<Hit> nearest(float[] vector, Query filter, int k) {
		return search(new KnnFloatVectorQuery("vector", vector, Math.max(k, CANDIDATES), filter), k);
	}

	/**
	 * The k chunks best matching the words by BM25 (a title match counts double) among
	 * those the filter admits; none when the query has no indexable word.
	 */
	List<Hit> matching(String words, Query filter, int k) {
		BooleanQuery.Builder text = new BooleanQuery.Builder();
		List<String> terms = terms(words);
		if (terms.isEmpty()) {
			return List.of();
		}
		for (String term : terms) {
			text.add(new TermQuery(new Term("text", term)), Occur.SHOULD);
			text.add(new BoostQuery(new TermQuery(new Term("title", term)), 2f), Occur.SHOULD);
		}
		Query query = new BooleanQuery.Builder().add(text.build(), Occur.MUST).add(filter, Occur.FILTER).build();
		return search(query, k);
	}

	/** The values of the scope field that start with the prefix and pass the test. */
	Set<String> scopes(String prefix, Predicate<String> readable) {
		Set<String> scopes = new LinkedHashSet<>();
		IndexSearcher searcher = acquire();
		try {
			Terms terms = MultiTerms.getTerms(searcher.getIndexReader(), "scope");
			if (terms == null) {
				return scopes;
			}
			TermsEnum values = terms.iterator();
			BytesRef start = new BytesRef(prefix);
			if (values.seekCeil(start) == TermsEnum.SeekStatus.END) {
				return scopes;
			}
			for (BytesRef term = values.term(); term != null; term = values.next()) {
				String scope = term.utf8ToString();
				if (!scope.startsWith(prefix)) {
					break;
				}
				if (readable.test(scope)) {
					scopes.add(scope);
				}
			}
			return scopes;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			release(searcher);
		}
	}

	int documents() {
		IndexSearcher searcher = acquire();
		try {
			return searcher.getIndexReader().numDocs();
		}
		finally {
			release(searcher);
		}
	}

	long appliedSeq() {
		return this.applied.get();
	}

	private List<Hit> search(Query query, int k) {
		IndexSearcher searcher = acquire();
		try {
			TopDocs top = searcher.search(query, k);
			List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
			for (ScoreDoc scored : top.scoreDocs) {
				Document doc = searcher.storedFields().document(scored.doc);
				hits.add(new Hit(doc.get("type"), UUID.fromString(doc.get("id")),
						doc.getField("chunk").numericValue().intValue(), doc.get("kind"), doc.get("title"),
						doc.get("text"), scored.score));
			}
			return hits;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			release(searcher);
		}
	}

	private List<String> terms(String words) {
		List<String> terms = new ArrayList<>();
		try (TokenStream stream = this.analyzer.tokenStream("text", words)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken() && terms.size() < 32) {
				terms.add(term.toString());
			}
			stream.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return terms;
	}

	private IndexSearcher acquire() {
		try {
			this.searchers.maybeRefresh();
			return this.searchers.acquire();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void release(IndexSearcher searcher) {
		try {
			this.searchers.release(searcher);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void stop() {
		this.running = false;
		this.follower.shutdownNow();
		try {
			this.follower.awaitTermination(5, TimeUnit.SECONDS);
			this.searchers.close();
			this.writer.close();
			this.directory.close();
		}
		catch (IOException ex) {
			log.warn("Closing the knowledge index failed: {}", ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
