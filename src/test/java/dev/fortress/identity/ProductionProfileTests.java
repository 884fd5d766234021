package dev.fortress.identity;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;

import dev.fortress.FortressApplication;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProductionProfileTests {

	@TempDir
	Path dataDir;

	@Test
	void productionRefusesToStartWithAGeneratedDevelopmentKey() {
		assertThatThrownBy(() -> new SpringApplicationBuilder(FortressApplication.class).profiles("prod")
			.run("--server.port=0", "--fortress.data-dir=" + this.dataDir, "--fortress.jwt-private-key="))
			.hasStackTraceContaining("FORTRESS_JWT_PRIVATE_KEY");
	}

}
