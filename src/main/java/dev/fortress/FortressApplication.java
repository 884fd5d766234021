package dev.fortress;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/**
 * Fortress: one hardened platform carrying TaskForge (work management) and Drop
 * (flash-sale commerce) as a modular monolith. Each top-level package is a module.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(systemName = "Fortress", sharedModules = "platform")
public class FortressApplication {

	public static void main(String[] args) {
		SpringApplication.run(FortressApplication.class, args);
	}

}
