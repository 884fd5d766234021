/**
 * Files: uploads stored through a {@link dev.fortress.platform.blob.BlobStore} (the data
 * directory by default, an S3-compatible object store by configuration), with their size,
 * sniffed content type and SHA-256. Who may download a file is decided by the module that
 * uses it, through {@link dev.fortress.files.FileReadPolicy}.
 */
@NullMarked
package dev.fortress.files;

import org.jspecify.annotations.NullMarked;
