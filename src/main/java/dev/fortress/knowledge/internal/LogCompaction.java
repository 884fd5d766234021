package dev.fortress.knowledge.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code knowledge_log} from growing with every edit: once an interval, the rows of
 * sources logged again later are deleted ({@link KnowledgeStore#compactLog}). Safe while
 * instances follow the log and while another instance compacts too.
 */
@Component
class LogCompaction {

	private static final Logger log = LoggerFactory.getLogger(LogCompaction.class);

	private final KnowledgeStore store;

	private final Counter compacted;

	LogCompaction(KnowledgeStore store, MeterRegistry meters) {
		this.store = store;
		this.compacted = Counter.builder("fortress.knowledge.log.compacted")
			.description("Knowledge log rows deleted because their source was logged again later")
			.register(meters);
	}

	@Scheduled(fixedDelayString = "${fortress.knowledge.log-compaction-interval:1h}", initialDelay = 300_000)
	void compact() {
		int deleted = this.store.compactLog();
		this.compacted.increment(deleted);
		if (deleted > 0) {
			log.debug("Compacted the knowledge log: {} rows of sources logged again later", deleted);
		}
	}

}
