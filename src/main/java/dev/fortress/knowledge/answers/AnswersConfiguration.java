package dev.fortress.knowledge.answers;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fortress.knowledge.KnowledgeApi;
import dev.fortress.knowledge.llm.GuardedLanguageModel;
import dev.fortress.tasks.ProjectMembership;

/**
 * Wires answers.
 */
@Configuration(proxyBeanMethods = false)
class AnswersConfiguration {

	@Bean
	Answers answers(KnowledgeApi knowledge, ProjectMembership projects, GuardedLanguageModel model,
			AnswerProperties properties, MeterRegistry meters) {
		return new Answers(knowledge, projects, model, model.modelName(), new AnswerCache(properties, meters),
				properties, meters);
	}

	@Bean
	AnswerWorkers answerWorkers(AnswerProperties properties) {
		return new AnswerWorkers(properties.threads(), properties.queue());
	}

}
