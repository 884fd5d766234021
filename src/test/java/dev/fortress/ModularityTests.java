package dev.fortress;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Module boundaries: modules reach each other only through their root package (their API)
 * or events, never through internals, and depend on each other without cycles. Also
 * writes the module documentation (PlantUML and a canvas per module) to
 * target/spring-modulith-docs.
 */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(FortressApplication.class);

	@Test
	void modulesRespectTheirBoundaries() {
		this.modules.verify();
	}

	@Test
	void everyExpectedModuleIsDetected() {
		assertThat(this.modules.stream().map(module -> module.getIdentifier().toString())).contains("platform",
				"identity", "tasks", "catalog", "inventory", "orders", "payments");
	}

	@Test
	void writesModuleDocumentation() {
		new Documenter(this.modules).writeDocumentation();
	}

}
