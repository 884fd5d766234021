package dev.fortress.knowledge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fortress.chat.ChannelEvent;
import dev.fortress.chat.ChatMessage;
import dev.fortress.platform.events.EventMetadata;
import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Chat messages reach the index from chat's {@link ChannelEvent}s, published here as the
 * chat module publishes them (in a transaction); an older event handled late never brings
 * back an older text, and a deleted message leaves the index.
 */
class ChatMessageIngestionIntegrationTests extends IntegrationTest {

	private static final Duration INGESTION = Duration.ofSeconds(60);

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Clock clock;

	@Test
	void postedEditedAndDeletedMessagesReachTheStoreInVersionOrder() {
		UUID channel = UUID.randomUUID();
		UUID author = UUID.randomUUID();
		UUID id = UUID.randomUUID();
		publish(channel, "posted", message(id, channel, author, "Lunch at the Italian place on Thursday?", 1, false));
		await().atMost(INGESTION).until(() -> "Lunch at the Italian place on Thursday?".equals(text(id)));
		assertThat(scope(id)).isEqualTo("channel:" + channel);

		publish(channel, "edited", message(id, channel, author, "Lunch moved to Friday", 2, false));
		await().atMost(INGESTION).until(() -> "Lunch moved to Friday".equals(text(id)));
		// the first event again (a redelivery, or one handled late): version 1 < 2,
		// ignored
		publish(channel, "posted", message(id, channel, author, "Lunch at the Italian place on Thursday?", 1, false));
		UUID marker = UUID.randomUUID();
		publish(channel, "posted", message(marker, channel, author, "marker", 1, false));
		await().atMost(INGESTION).until(() -> text(marker) != null);
		assertThat(text(id)).isEqualTo("Lunch moved to Friday");

		publish(channel, "deleted", message(id, channel, author, "", 3, true));
		await().atMost(INGESTION)
			.until(() -> this.jdbc
				.sql("select count(*) from knowledge_chunks where source_type = 'message' and source_id = :id")
				.param("id", id)
				.query(Long.class)
				.single() == 0);
	}

	private void publish(UUID channel, String type, ChatMessage message) {
		this.transactions.executeWithoutResult((status) -> this.events.publishEvent(new ChannelEvent(channel,
				message.seq(), type, message.authorId(), message, EventMetadata.now(this.clock))));
	}

	private static ChatMessage message(UUID id, UUID channel, UUID author, String text, int version, boolean deleted) {
		return new ChatMessage(id, channel, author, text, null, List.of(), Map.of(), version, version, Instant.now(),
				version > 1 ? Instant.now() : null, deleted, null);
	}

	private String text(UUID id) {
		return this.jdbc.sql("select text from knowledge_chunks where source_type = 'message' and source_id = :id")
			.param("id", id)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private String scope(UUID id) {
		return this.jdbc.sql("select scope from knowledge_chunks where source_type = 'message' and source_id = :id")
			.param("id", id)
			.query(String.class)
			.single();
	}

}
