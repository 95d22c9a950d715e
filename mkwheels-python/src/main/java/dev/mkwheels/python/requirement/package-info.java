/** PEP 508 dependency specifications ({@code Requires-Dist} lines). */
package dev.mkwheels.python.requirement;
