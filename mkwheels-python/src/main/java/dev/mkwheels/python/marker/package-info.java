/**
 * PEP 508 environment markers and the {@link dev.mkwheels.python.marker.TargetEnvironment} they are
 * evaluated against.
 */
package dev.mkwheels.python.marker;
