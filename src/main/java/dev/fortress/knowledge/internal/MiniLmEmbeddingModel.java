package dev.fortress.knowledge.internal;

import java.util.List;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

import org.springframework.stereotype.Component;

import dev.fortress.knowledge.EmbeddingModel;

/**
 * all-MiniLM-L6-v2 (384 dimensions) run by ONNX Runtime inside this JVM, from the model
 * file shipped in its Maven artifact: nothing is downloaded, no service is called. The
 * model is loaded on first use (about a second) and shared by every application context
 * of the JVM, so tests that never embed never pay for it and those that do pay once.
 */
@Component
class MiniLmEmbeddingModel implements EmbeddingModel {

	static final int DIMENSIONS = 384;

	@Override
	public int dimensions() {
		return DIMENSIONS;
	}

	@Override
	public float[] embed(String text) {
		return Vectors.normalised(Shared.MODEL.embed(text).content().vector());
	}

	@Override
	public List<float[]> embedAll(List<String> texts) {
		if (texts.isEmpty()) {
			return List.of();
		}
		return Shared.MODEL.embedAll(texts.stream().map(TextSegment::from).toList())
			.content()
			.stream()
			.map(embedding -> Vectors.normalised(embedding.vector()))
			.toList();
	}

	/** Initialised by the JVM on first access, once, thread-safely. */
	private static final class Shared {

		static final AllMiniLmL6V2EmbeddingModel MODEL = new AllMiniLmL6V2EmbeddingModel();

	}

}
