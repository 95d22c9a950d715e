package dev.mkwheels.resolver;

import dev.mkwheels.python.index.Redaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Resolves requirements for one or more targets: a backtracking search in the spirit of pip's
 * resolvelib, with pip 23's rules for what a requirement admits (combined specifiers and
 * constraints, pre-releases, yanked files, extras, markers per target, {@code Requires-Python},
 * direct references) and preferences kept while they fit. Each target is resolved on its own, with
 * its own markers and tags; several may be resolved at once, and the answer does not depend on
 * which finishes first. Thread-safe when its provider is.
 *
 * <p>A failure is a {@link ResolutionException} whose message is one line: for a conflict it names
 * the requirements that cannot be met together and the chain from the root to them, for example
 * {@code cannot resolve for cp312-manylinux_2_28_x86_64: app 1.0 requires lib>=2, but tool 3.1
 * requires lib<2 (root requires app, tool)}.
 */
public final class Resolver {
  /** How many pins a resolution may try before it gives up. */
  public static final int DEFAULT_MAX_ROUNDS = 200_000;

  /** The stack of a resolving thread: the search recurses once per project pinned. */
  private static final long STACK_BYTES = 64L << 20;

  private final CandidateProvider provider;
  private final int maxRounds;

  public Resolver(CandidateProvider provider) {
    this(provider, DEFAULT_MAX_ROUNDS);
  }

  /**
   * A resolver that gives up after {@code maxRounds} pins tried, with a clear error.
   *
   * @throws IllegalArgumentException if {@code maxRounds} is not positive
   */
  public Resolver(CandidateProvider provider, int maxRounds) {
    this.provider = Objects.requireNonNull(provider, "provider is null");
    if (maxRounds < 1) {
      throw new IllegalArgumentException("maxRounds must be positive: " + maxRounds);
    }
    this.maxRounds = maxRounds;
  }

  /**
   * The tree {@code request} resolves to on {@code target}.
   *
   * @throws ResolutionException one line starting {@code cannot resolve for <target>: }
   */
  public Resolution resolve(ResolveRequest request, Target target) throws ResolutionException {
    return report(request, target).resolution();
  }

  /** {@link #resolve}, with the notes the user should see. */
  public ResolutionReport report(ResolveRequest request, Target target) throws ResolutionException {
    try {
      return search(request, target);
    } catch (ResolutionException e) {
      throw new ResolutionException("cannot resolve for " + target.name() + ": " + body(e), e);
    }
  }

  /**
   * One tree per target, in the order of {@code targets}.
   *
   * @throws ResolutionException for the first target in the list that fails, one line starting with
   *     its name: {@code cp313-win_amd64: ...}
   */
  public List<Resolution> resolveAll(ResolveRequest request, List<Target> targets)
      throws ResolutionException {
    return reportAll(request, targets).stream().map(ResolutionReport::resolution).toList();
  }

  /** {@link #resolveAll}, with the notes of each target. */
  public List<ResolutionReport> reportAll(ResolveRequest request, List<Target> targets)
      throws ResolutionException {
    Objects.requireNonNull(request, "request is null");
    List<Target> all = List.copyOf(targets);
    if (all.size() <= 1) {
      List<ResolutionReport> out = new ArrayList<>();
      for (Target t : all) {
        out.add(named(request, t));
      }
      return out;
    }
    int threads = Math.min(all.size(), Math.max(1, Runtime.getRuntime().availableProcessors()));
    ExecutorService pool = Executors.newFixedThreadPool(threads, threads());
    try {
      List<Future<ResolutionReport>> futures = new ArrayList<>();
      for (Target t : all) {
        futures.add(pool.submit(() -> named(request, t)));
      }
      List<ResolutionReport> out = new ArrayList<>();
      for (Future<ResolutionReport> f : futures) {
        out.add(await(f));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private ResolutionReport named(ResolveRequest request, Target target) throws ResolutionException {
    try {
      return search(request, target);
    } catch (ResolutionException e) {
      throw new ResolutionException(target.name() + ": " + body(e), e);
    }
  }

  private ResolutionReport search(ResolveRequest request, Target target)
      throws ResolutionException {
    Objects.requireNonNull(request, "request is null");
    Objects.requireNonNull(target, "target is null");
    return new Search(provider, request, target, maxRounds).run();
  }

  private static String body(ResolutionException e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    return Redaction.mask(message.replaceAll("\\s*\\R\\s*", " "));
  }

  private static ResolutionReport await(Future<ResolutionReport> future)
      throws ResolutionException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ResolutionException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ResolutionException r) {
        throw r;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  private static ThreadFactory threads() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread t = new Thread(null, task, "mkwheels-resolve-" + count.incrementAndGet(), STACK_BYTES);
      t.setDaemon(true);
      return t;
    };
  }
}
