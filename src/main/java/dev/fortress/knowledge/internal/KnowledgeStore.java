package dev.fortress.knowledge.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The chunks and the change log in PostgreSQL. Every write of a source takes the log's
 * advisory lock first and logs the source last, so log sequence order is commit order.
 */
@Repository
class KnowledgeStore {

	/** The advisory lock key of the change log ("knowledge" in ASCII, shortened). */
	private static final long LOG_LOCK = 0x6b6e6f776c656467L;

	private final JdbcClient jdbc;

	private final Clock clock;

	KnowledgeStore(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Replaces the source's chunks, unless a newer version of it is stored already.
	 * @return whether it was written
	 */
	@Transactional
	public boolean replace(SourceDoc doc, List<String> texts, List<float[]> embeddings) {
		lockLog();
		Long stored = this.jdbc
			.sql("select max(source_version) from knowledge_chunks where source_type = :type and source_id = :id")
			.param("type", doc.type())
			.param("id", doc.id())
			.query(Long.class)
			.optional()
			.orElse(null);
		if (stored != null && stored > doc.version()) {
			return false;
		}
		deleteSource(doc.type(), doc.id());
		Timestamp now = Timestamp.from(this.clock.instant());
		for (int i = 0; i < texts.size(); i++) {
			this.jdbc.sql("""
					insert into knowledge_chunks (source_type, source_id, chunk_no, parent_id, scope, kind, title, text,
					                              embedding, source_version, updated_at)
					values (:type, :id, :no, :parent, :scope, :kind, :title, :text, :embedding, :version, :now)
					""")
				.param("type", doc.type())
				.param("id", doc.id())
				.param("no", i)
				.param("parent", doc.parentId())
				.param("scope", doc.scope())
				.param("kind", doc.kind())
				.param("title", doc.title())
				.param("text", texts.get(i))
				.param("embedding", boxed(embeddings.get(i)))
				.param("version", doc.version())
				.param("now", now)
				.update();
		}
		log(doc.type(), doc.id());
		return true;
	}

	/**
	 * Whether this version of the source is stored with this scope: sources bump their
	 * version when their text changes (comments never change), so only a move to another
	 * scope makes the same version worth storing again.
	 */
	boolean isStored(SourceDoc doc) {
		return this.jdbc.sql("""
				select exists (select 1 from knowledge_chunks where source_type = :type and source_id = :id
				               and chunk_no = 0 and source_version = :version and scope = :scope)
				""")
			.param("type", doc.type())
			.param("id", doc.id())
			.param("version", doc.version())
			.param("scope", doc.scope())
			.query(Boolean.class)
			.single();
	}

	/** Forgets a source and everything whose parent it is. */
	@Transactional
	public void remove(String type, UUID id) {
		lockLog();
		deleteSource(type, id);
		log(type, id);
		List<Source> children = this.jdbc
			.sql("delete from knowledge_chunks where parent_id = :id returning source_type, source_id")
			.param("id", id)
			.query((rs, n) -> new Source(rs.getString(1), rs.getObject(2, UUID.class)))
			.list();
		children.stream().distinct().forEach(child -> log(child.type(), child.id()));
	}

	/** Forgets every source readable in a scope (a deleted project). */
	@Transactional
	public void removeScope(String scope) {
		lockLog();
		this.jdbc.sql("delete from knowledge_chunks where scope = :scope returning source_type, source_id")
			.param("scope", scope)
			.query((rs, n) -> new Source(rs.getString(1), rs.getObject(2, UUID.class)))
			.list()
			.stream()
			.distinct()
			.forEach(source -> log(source.type(), source.id()));
	}

	/** The changes logged after this sequence number, oldest first. */
	List<Change> changesAfter(long seq, int limit) {
		return this.jdbc
			.sql("select seq, source_type, source_id from knowledge_log where seq > :seq order by seq limit :limit")
			.param("seq", seq)
			.param("limit", limit)
			.query((rs, n) -> new Change(rs.getLong(1), new Source(rs.getString(2), rs.getObject(3, UUID.class))))
			.list();
	}

	/**
	 * Deletes every log row of a source that was logged again later. A follower at any
	 * position still learns of every source changed after it, from the later row (and
	 * reads the chunks as they are now, as it always does), so the log keeps one row per
	 * source instead of one per change. The newest row is never deleted, so
	 * {@link #lastSeq} does not move.
	 * @return how many rows were deleted
	 */
	int compactLog() {
		return this.jdbc.sql("""
				delete from knowledge_log log
				using (select seq, row_number() over (partition by source_type, source_id order by seq desc) as nth
				       from knowledge_log) ranked
				where log.seq = ranked.seq and ranked.nth > 1
				""").update();
	}

	long lastSeq() {
		return this.jdbc.sql("select coalesce(max(seq), 0) from knowledge_log").query(Long.class).single();
	}

	/** The source's chunks now, in order (none once it is deleted). */
	List<Chunk> chunks(String type, UUID id) {
		return this.jdbc.sql("""
				select source_type, source_id, chunk_no, scope, kind, title, text, embedding from knowledge_chunks
				where source_type = :type and source_id = :id order by chunk_no
				""").param("type", type).param("id", id).query(KnowledgeStore::chunk).list();
	}

	/** The chunks of these sources, for a batch of the follower. */
	List<Chunk> chunks(Collection<Source> sources) {
		if (sources.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				select c.source_type, c.source_id, c.chunk_no, c.scope, c.kind, c.title, c.text, c.embedding
				from knowledge_chunks c
				join unnest(:types, :ids) as s(source_type, source_id)
				  on c.source_type = s.source_type and c.source_id = s.source_id
				order by c.source_type, c.source_id, c.chunk_no
				""")
			.param("types", sources.stream().map(Source::type).toArray(String[]::new))
			.param("ids", sources.stream().map(Source::id).toArray(UUID[]::new))
			.query(KnowledgeStore::chunk)
			.list();
	}

	/** Every source stored, in key order after the given one: what a re-index walks. */
	List<Source> sourcesAfter(@Nullable Source after, int limit) {
		return this.jdbc.sql("""
				select distinct source_type, source_id from knowledge_chunks
				where cast(:type as text) is null or (source_type, source_id) > (cast(:type as text), cast(:id as uuid))
				order by source_type, source_id limit :limit
				""")
			.param("type", after == null ? null : after.type())
			.param("id", after == null ? null : after.id())
			.param("limit", limit)
			.query((rs, n) -> new Source(rs.getString(1), rs.getObject(2, UUID.class)))
			.list();
	}

	long countSources() {
		return this.jdbc.sql("select count(*) from (select distinct source_type, source_id from knowledge_chunks) s")
			.query(Long.class)
			.single();
	}

	/** A source as stored: its chunks' text joined again (their overlaps removed). */
	Optional<SourceDoc> stored(Source source) {
		List<Chunk> chunks = chunks(source.type(), source.id());
		if (chunks.isEmpty()) {
			return Optional.empty();
		}
		record Facts(@Nullable UUID parent, long version) {
		}
		Facts facts = this.jdbc.sql("""
				select parent_id, source_version from knowledge_chunks
				where source_type = :type and source_id = :id and chunk_no = 0
				""")
			.param("type", source.type())
			.param("id", source.id())
			.query((rs, n) -> new Facts(rs.getObject(1, UUID.class), rs.getLong(2)))
			.single();
		Chunk first = chunks.get(0);
		return Optional.of(new SourceDoc(source.type(), source.id(), facts.parent(), first.scope(), first.kind(),
				first.title(), Chunker.joined(chunks.stream().map(Chunk::text).toList()), facts.version()));
	}

	private void deleteSource(String type, UUID id) {
		this.jdbc.sql("delete from knowledge_chunks where source_type = :type and source_id = :id")
			.param("type", type)
			.param("id", id)
			.update();
	}

	private void lockLog() {
		this.jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", LOG_LOCK).query().singleRow();
	}

	private void log(String type, UUID id) {
		this.jdbc.sql("insert into knowledge_log (source_type, source_id, logged_at) values (:type, :id, :now)")
			.param("type", type)
			.param("id", id)
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
	}

	private static Chunk chunk(ResultSet rs, int row) throws SQLException {
		return new Chunk(rs.getString(1), rs.getObject(2, UUID.class), rs.getInt(3), rs.getString(4), rs.getString(5),
				rs.getString(6), rs.getString(7), unboxed(rs.getArray(8)));
	}

	private static Float[] boxed(float[] vector) {
		Float[] boxed = new Float[vector.length];
		for (int i = 0; i < vector.length; i++) {
			boxed[i] = vector[i];
		}
		return boxed;
	}

	private static float[] unboxed(Array array) throws SQLException {
		Object[] values = (Object[]) array.getArray();
		float[] vector = new float[values.length];
		for (int i = 0; i < values.length; i++) {
			vector[i] = ((Number) values[i]).floatValue();
		}
		return vector;
	}

	/** A source's identity. */
	record Source(String type, UUID id) {
	}

	/** One logged change. */
	record Change(long seq, Source source) {
	}

}
