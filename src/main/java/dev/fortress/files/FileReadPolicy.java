package dev.fortress.files;

import java.util.UUID;

/**
 * Whether someone other than its uploader may download a file: implemented by the modules
 * that attach files to something (chat: a member of the message's channel). The uploader
 * may always read their own file; anyone else needs one policy to say yes.
 */
public interface FileReadPolicy {

	boolean mayRead(UUID fileId, UUID userId);

}
