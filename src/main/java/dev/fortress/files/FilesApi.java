package dev.fortress.files;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/** The files module's facade for other modules. */
public interface FilesApi {

	/** Files by id in one query; unknown ids are absent. */
	Map<UUID, StoredFile> findFiles(Collection<UUID> ids);

}
