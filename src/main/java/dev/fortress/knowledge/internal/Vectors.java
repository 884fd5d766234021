package dev.fortress.knowledge.internal;

/** Vector arithmetic the index needs. */
final class Vectors {

	private Vectors() {
	}

	/** The vector scaled to unit length (a zero vector stays zero). */
	static float[] normalised(float[] vector) {
		double sum = 0;
		for (float value : vector) {
			sum += value * value;
		}
		float[] unit = vector.clone();
		if (sum == 0) {
			return unit;
		}
		float norm = (float) Math.sqrt(sum);
		for (int i = 0; i < unit.length; i++) {
			unit[i] /= norm;
		}
		return unit;
	}

	static double dot(float[] a, float[] b) {
		double sum = 0;
		for (int i = 0; i < a.length; i++) {
			sum += a[i] * b[i];
		}
		return sum;
	}

}
