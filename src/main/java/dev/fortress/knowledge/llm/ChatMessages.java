package dev.fortress.knowledge.llm;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.openai.OpenAiChatOptions;

import dev.fortress.knowledge.LanguageModel;
import dev.fortress.knowledge.LanguageModel.Prompt;
import dev.fortress.knowledge.LanguageModel.Reply;

/**
 * Our prompt as Spring AI messages (a system and a user message, nothing else: no tools),
 * and Spring AI's responses as our reply, with the provider's token counts or, when it
 * sent none, estimates.
 */
final class ChatMessages {

	private final String modelName;

	ChatMessages(String modelName) {
		this.modelName = modelName;
	}

	org.springframework.ai.chat.prompt.Prompt request(Prompt prompt, boolean streaming) {
		OpenAiChatOptions.Builder options = OpenAiChatOptions.builder()
			.model(this.modelName)
			.maxTokens(prompt.maxTokens());
		if (streaming) {
			options.streamUsage(true);
		}
		return new org.springframework.ai.chat.prompt.Prompt(
				List.of(new SystemMessage(prompt.system()), new UserMessage(prompt.user())), options.build());
	}

	static String text(ChatResponse response) {
		if (response.getResult() == null || response.getResult().getOutput() == null) {
			return "";
		}
		String text = response.getResult().getOutput().getText();
		return text == null ? "" : text;
	}

	/** The provider's token counts, or estimates when it sent none. */
	static Reply reply(Prompt prompt, String text, @Nullable Usage usage) {
		int in = usage != null && usage.getPromptTokens() != null && usage.getPromptTokens() > 0
				? usage.getPromptTokens()
				: LanguageModel.estimateTokens(prompt.system()) + LanguageModel.estimateTokens(prompt.user());
		int out = usage != null && usage.getCompletionTokens() != null && usage.getCompletionTokens() > 0
				? usage.getCompletionTokens() : LanguageModel.estimateTokens(text);
		return new Reply(text, in, out);
	}

}
