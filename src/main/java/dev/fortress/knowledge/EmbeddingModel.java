package dev.fortress.knowledge;

import java.util.List;

/**
 * Turns text into a vector whose cosine similarity to another text's vector measures how
 * close they are in meaning. Vectors are unit length, so a dot product is the cosine. The
 * local implementation runs a model in process; a remote provider can replace it (the
 * index must then be rebuilt: vectors of two models do not compare).
 */
public interface EmbeddingModel {

	/** The length of every vector this model returns. */
	int dimensions();

	float[] embed(String text);

	/** The texts' vectors in their order; cheaper per text than one call each. */
	List<float[]> embedAll(List<String> texts);

}
