/**
 * Core metadata ({@code METADATA}, {@code PKG-INFO}, PEP 658 {@code .metadata}), versions 1.0 to
 * 2.4.
 */
package dev.mkwheels.python.metadata;
