/** Project names: PEP 503 normalization and the core metadata rule for valid names. */
package dev.mkwheels.python.name;
