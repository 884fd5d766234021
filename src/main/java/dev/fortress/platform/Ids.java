package dev.fortress.platform;

import java.util.UUID;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * Public ids are UUIDv7: opaque to clients, yet time-ordered so that keyset pagination by
 * id follows creation order and B-tree inserts stay append-mostly.
 */
public final class Ids {

	private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

	private Ids() {
	}

	public static UUID newId() {
		return GENERATOR.generate();
	}

}
