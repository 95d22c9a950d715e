/** Distribution file names: wheels (PEP 427, 491) and sdists (PEP 625 and the legacy archives). */
package dev.mkwheels.python.filename;
