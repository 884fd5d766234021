package dev.fortress.knowledge.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.fortress.knowledge.internal.KnowledgeStore.Change;
import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class LogCompactionIntegrationTests extends IntegrationTest {

	@Autowired
	KnowledgeStore store;

	@Autowired
	LogCompaction compaction;

	@Autowired
	JdbcClient jdbc;

	@Test
	void compactionKeepsTheNewestRowOfEverySourceSoAFollowerAnywhereStillSeesItsChanges() {
		UUID edited = UUID.randomUUID();
		UUID once = UUID.randomUUID();
		long first = log(edited);
		long single = log(once);
		log(edited);
		long newest = log(edited);
		long lastBefore = this.store.lastSeq();

		this.compaction.compact();

		assertThat(rows(edited)).containsExactly(newest);
		assertThat(rows(once)).containsExactly(single);
		assertThat(this.store.lastSeq()).isEqualTo(lastBefore);
		// a follower that had applied only the first change still learns of both sources
		List<UUID> seenAfterFirst = this.store.changesAfter(first, 10_000)
			.stream()
			.map((Change change) -> change.source().id())
			.toList();
		assertThat(seenAfterFirst).contains(edited, once);
		this.compaction.compact();
		assertThat(rows(edited)).containsExactly(newest);
	}

	private long log(UUID id) {
		return this.jdbc.sql(
				"insert into knowledge_log (source_type, source_id, logged_at) values ('article', :id, :at) returning seq")
			.param("id", id)
			.param("at", Timestamp.from(Instant.now()))
			.query(Long.class)
			.single();
	}

	private List<Long> rows(UUID id) {
		return this.jdbc.sql("select seq from knowledge_log where source_id = :id order by seq")
			.param("id", id)
			.query(Long.class)
			.list();
	}

}
