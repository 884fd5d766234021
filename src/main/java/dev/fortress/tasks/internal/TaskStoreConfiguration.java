package dev.fortress.tasks.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Chooses the {@link TaskStore} strategy from {@code fortress.tasks.store}
 * ({@code FORTRESS_TASK_STORE}): {@code jdbc} (default) or {@code memory}.
 */
@Configuration(proxyBeanMethods = false)
class TaskStoreConfiguration {

	private static final Logger log = LoggerFactory.getLogger(TaskStoreConfiguration.class);

	@Bean
	TaskStore taskStore(TaskProperties properties, JdbcClient jdbc, ProjectMembers members) {
		log.info("Task store: {}", properties.store());
		return switch (properties.store()) {
			case JDBC -> new JdbcTaskStore(jdbc);
			case MEMORY -> new MemoryTaskStore(members::projectsOf);
		};
	}

}
