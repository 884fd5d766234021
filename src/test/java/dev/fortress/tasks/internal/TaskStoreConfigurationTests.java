package dev.fortress.tasks.internal;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/** FORTRESS_TASK_STORE picks the strategy; business code only ever sees TaskStore. */
class TaskStoreConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Jdbc.class,
			TaskStoreConfiguration.class);

	@Test
	void jdbcIsTheDefault() {
		this.runner.run(context -> assertThat(context.getBean(TaskStore.class)).isInstanceOf(JdbcTaskStore.class));
	}

	@Test
	void memoryIsChosenByTheProperty() {
		this.runner.withPropertyValues("fortress.tasks.store=memory")
			.run(context -> assertThat(context.getBean(TaskStore.class)).isInstanceOf(MemoryTaskStore.class));
	}

	@Test
	void anUnknownStoreFailsTheStart() {
		this.runner.withPropertyValues("fortress.tasks.store=redis").run(context -> assertThat(context).hasFailed());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(TaskProperties.class)
	static class Jdbc {

		@Bean
		JdbcClient jdbcClient() {
			return mock(JdbcClient.class);
		}

		@Bean
		ProjectMembers projectMembers() {
			return mock(ProjectMembers.class);
		}

	}

}
