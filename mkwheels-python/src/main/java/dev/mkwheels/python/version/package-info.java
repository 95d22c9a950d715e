/**
 * PEP 440: versions (parse, normalize, order) and specifiers (every operator, specifier sets, the
 * pre-release rules). The behaviour is that of {@code packaging.version} and {@code
 * packaging.specifiers}, proven by a differential test against pip's vendored copy.
 */
package dev.mkwheels.python.version;
