/**
 * One client for Python package indexes: PEP 503 HTML and PEP 691 JSON project pages (content
 * negotiation as pip does it), PEP 700 upload times, sizes and versions, PEP 658/714 core metadata
 * files, PEP 592 yanking, {@code data-requires-python} and hashes; over http(s) through the host's
 * {@link dev.mkwheels.api.HttpFetcher}, from {@code file://} indexes, and from find-links
 * directories and pages; with credentials from the URL and from {@code ~/.netrc}, as pip takes
 * them.
 */
package dev.mkwheels.python.index;
