/**
 * Compatibility tags (PEP 425), platform widening for manylinux (PEP 600), musllinux (PEP 656) and
 * macOS, and the ordered tag list a target interpreter accepts.
 */
package dev.mkwheels.python.tags;
