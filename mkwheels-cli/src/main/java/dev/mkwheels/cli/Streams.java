package dev.mkwheels.cli;

import java.io.PrintStream;

/** The streams of one run: results on {@code out}, progress and diagnostics on {@code err}. */
record Streams(PrintStream out, PrintStream err) {}
