/** Helpers shared by the parsers of the standards; not exported from the module. */
package dev.mkwheels.python.internal;
