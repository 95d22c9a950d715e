package dev.mkwheels.packaging;

import java.nio.file.Path;

/**
 * The packed artifact.
 *
 * @param tarball where it was written
 * @param epoch the epoch it was packed at
 * @param md5 lower-case hex
 * @param sha256 lower-case hex
 * @param size in bytes
 * @param distributions how many wheels and sdists it holds
 */
public record PackResult(
    Path tarball, long epoch, String md5, String sha256, long size, int distributions) {}
