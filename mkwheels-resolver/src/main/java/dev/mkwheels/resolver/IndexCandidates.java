package dev.mkwheels.resolver;

import static java.util.Objects.requireNonNull;

import dev.mkwheels.python.index.IndexClient;
import dev.mkwheels.python.index.IndexException;
import dev.mkwheels.python.index.IndexFile;
import dev.mkwheels.python.index.Redaction;
import dev.mkwheels.python.name.ProjectName;
import dev.mkwheels.python.requirement.Requirement;
import dev.mkwheels.python.version.SpecifierSet;
import dev.mkwheels.python.version.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The candidates of package indexes and find-links locations, as pip's finder sees them: every
 * index and location merged (no priority among them, as pip's {@code --extra-index-url}), the files
 * a target can use (its tags, its Python, {@link Builder#onlyBinary}), uploaded no later than the
 * cutoff, grouped by version newest first, each version's files in pip's order of preference.
 * Direct references go to the {@link MetadataBuilder}.
 *
 * <p>Each project page is read once per index however many threads and targets ask; candidates and
 * metadata are cached too. Thread-safe.
 */
public final class IndexCandidates implements CandidateProvider {
  /** How many pages and metadata files are read ahead of the search at a time. */
  private static final int PREFETCH_THREADS = 4;

  private final IndexClient client;
  private final List<String> indexes;
  private final List<String> findLinks;
  private final Optional<Instant> cutoff;
  private final boolean onlyBinary;
  private final FormatControl formats;
  private final boolean preferBinary;
  private final Optional<MetadataBuilder> metadataBuilder;
  private final MetadataReader metadata;
  private final IndexMemo<Source, List<IndexFile>> pages = new IndexMemo<>();
  private final IndexMemo<Key, List<Candidate>> candidates = new IndexMemo<>();
  private final ConcurrentSkipListSet<String> notFrozen = new ConcurrentSkipListSet<>();
  private final ThreadPoolExecutor prefetcher = prefetcher();
  private final Set<String> readAhead = ConcurrentHashMap.newKeySet();

  // The caches' keys write out their hash (a record's is linked through an invokedynamic bootstrap
  // on first use, a few milliseconds each in a run that lasts a second); equals stays the record's.
  private record Source(String location, boolean index, ProjectName project) {
    @Override
    public int hashCode() {
      return (location.hashCode() * 31 + Boolean.hashCode(index)) * 31 + project.hashCode();
    }
  }

  private record Key(ProjectName project, Target target) {
    @Override
    public int hashCode() {
      return project.hashCode() * 31 + target.hashCode();
    }
  }

  private IndexCandidates(Builder builder) {
    this.client = builder.client;
    this.indexes = List.copyOf(builder.indexes);
    this.findLinks = List.copyOf(builder.findLinks);
    this.cutoff = builder.cutoff;
    this.onlyBinary = builder.onlyBinary;
    this.formats = builder.formats;
    this.preferBinary = builder.preferBinary;
    this.metadataBuilder = builder.metadataBuilder;
    this.metadata = new MetadataReader(client, builder.downloader, metadataBuilder);
  }

  /** A provider reading through {@code client}; no index until {@link Builder#indexes}. */
  public static Builder builder(IndexClient client) {
    return new Builder(requireNonNull(client, "client is null"));
  }

  @Override
  public List<Candidate> candidates(ProjectName project, Target target) throws ResolutionException {
    requireNonNull(project, "project is null");
    requireNonNull(target, "target is null");
    return candidates.get(new Key(project, target), this::load);
  }

  @Override
  public Optional<String> whyNone(ProjectName project, Target target) throws ResolutionException {
    requireNonNull(project, "project is null");
    requireNonNull(target, "target is null");
    return new IndexFileOrder(target, onlyBinary, formats, preferBinary, cutoff)
        .whyNone(project, files(project));
  }

  @Override
  public Candidate direct(Requirement requirement, Target target) throws ResolutionException {
    requireNonNull(requirement, "requirement is null");
    String url = requirement.url().orElseThrow(() -> new IllegalArgumentException("no URL"));
    if (metadataBuilder.isEmpty()) {
      throw new ResolutionException(
          requirement.name() + " @ " + Redaction.mask(url) + " needs a build, and none is allowed");
    }
    return metadataBuilder.get().direct(requirement);
  }

  @Override
  public Dependencies dependencies(Candidate candidate) throws ResolutionException {
    return metadata.dependencies(requireNonNull(candidate, "candidate is null"));
  }

  /**
   * Starts reading, on a small pool, what a search will soon ask of {@code project}: its pages and
   * the metadata of its newest non-yanked version that {@code allowed} admits, when that comes from
   * the index's {@code .metadata} or a local or hashed wheel (never a build); then the same for
   * that version's own dependencies whose markers hold on {@code target} ({@code extras} asked of
   * it included), and theirs, so the whole tree the search is likely to walk is read side by side
   * before it asks. The caches then answer the search; a failure here is dropped (the search meets
   * it again when it asks). Each project, set of specifiers and extras is read ahead once. Returns
   * at once.
   */
  void prefetch(
      ProjectName project, Target target, SpecifierSet allowed, boolean pre, Set<String> extras) {
    String key =
        project.normalized() + " " + allowed + " " + new TreeSet<>(extras) + " " + target.name();
    if (!readAhead.add(key)) {
      return;
    }
    try {
      prefetcher.execute(() -> prefetchNow(project, target, allowed, pre, extras));
    } catch (RejectedExecutionException e) {
      // Only a hint: the search reads it itself.
      readAhead.remove(key);
    }
  }

  private void prefetchNow(
      ProjectName project, Target target, SpecifierSet allowed, boolean pre, Set<String> extras) {
    try {
      List<Candidate> all = candidates(project, target);
      List<Version> versions = all.stream().map(Candidate::version).toList();
      Set<Version> admitted = new HashSet<>(allowed.filter(versions, pre ? Boolean.TRUE : null));
      for (Candidate c : all) {
        if (!c.yanked() && admitted.contains(c.version())) {
          Optional<IndexFile> file = c.preferredFile();
          if (c.directUrl().isEmpty() && file.isPresent() && worthReadingAhead(file.get())) {
            readAheadOf(dependencies(c), target, pre, extras);
          }
          return;
        }
      }
    } catch (ResolutionException | RuntimeException e) {
      // Memoized: the search meets the same failure if it asks.
    }
  }

  /** {@link #prefetch} for each of {@code dependencies} the target (with {@code extras}) needs. */
  private void readAheadOf(
      Dependencies dependencies, Target target, boolean pre, Set<String> extras) {
    List<String> asked = new ArrayList<>(List.of(""));
    extras.forEach(x -> asked.add(Extras.normalize(x)));
    for (Requirement r : dependencies.requiresDist()) {
      if (r.url().isPresent() || !needed(r, target, asked)) {
        continue;
      }
      try {
        prefetch(r.projectName(), target, r.specifier(), pre, r.extras());
      } catch (RuntimeException e) {
        // An unreadable marker or specifier: the search says so when it meets it.
      }
    }
  }

  private static boolean needed(Requirement r, Target target, List<String> extras) {
    if (r.marker().isEmpty()) {
      return true;
    }
    for (String extra : extras) {
      if (r.marker().get().evaluate(target.environment(), extra)) {
        return true;
      }
    }
    return false;
  }

  /**
   * PEP 658 metadata, or a wheel that is local or has a hash: never a build, and never a remote
   * file without a hash (the downloader would list it as unhashed though the search may not pin
   * it).
   */
  private static boolean worthReadingAhead(IndexFile file) {
    if (file.metadata().isPresent()) {
      return true;
    }
    return file.isWheel()
        && ("file".equalsIgnoreCase(file.url().getScheme()) || file.sha256().isPresent());
  }

  private static ThreadPoolExecutor prefetcher() {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            PREFETCH_THREADS,
            PREFETCH_THREADS,
            1,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread thread = new Thread(task, "mkwheels-prefetch");
              thread.setDaemon(true);
              return thread;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /**
   * The indexes and find-links locations the cutoff could not be applied to, because they give no
   * upload times, one line each, sorted, credentials removed: {@code https://x/simple: no upload
   * times (PEP 700), not frozen}. Empty without a cutoff.
   */
  public List<String> freezeReport() {
    return List.copyOf(notFrozen);
  }

  /**
   * The latest upload time among {@code files}: for {@code --pypi}, the cutoff that keeps every
   * file of the requested release (its late wheels too). Empty when none gives one.
   */
  public static Optional<Instant> latestUpload(List<IndexFile> files) {
    return files.stream()
        .map(IndexFile::uploadTime)
        .flatMap(Optional::stream)
        .max(Instant::compareTo);
  }

  private List<Candidate> load(Key key) throws ResolutionException {
    return new IndexFileOrder(key.target(), onlyBinary, formats, preferBinary, cutoff)
        .candidates(key.project(), files(key.project()));
  }

  /** Every file the indexes and find-links locations list for {@code project}, each read once. */
  private List<IndexFile> files(ProjectName project) throws ResolutionException {
    List<IndexFile> files = new ArrayList<>();
    // pip's finder: find-links first, then the indexes, each in the order given.
    for (String location : findLinks) {
      files.addAll(pages.get(new Source(location, false, project), this::read));
    }
    for (String index : indexes) {
      files.addAll(pages.get(new Source(index, true, project), this::read));
    }
    return files;
  }

  private List<IndexFile> read(Source source) throws ResolutionException {
    List<IndexFile> files;
    try {
      files =
          source.index()
              ? client.project(source.location(), source.project()).files()
              : client.findLinks(source.location());
    } catch (IndexException e) {
      throw new ResolutionException(e.getMessage(), e);
    }
    if (cutoff.isPresent() && anyWithoutUploadTime(files, source.project())) {
      notFrozen.add(
          Redaction.describe(source.location()) + ": no upload times (PEP 700), not frozen");
    }
    return files;
  }

  private static boolean anyWithoutUploadTime(Collection<IndexFile> files, ProjectName project) {
    return files.stream().anyMatch(f -> f.uploadTime().isEmpty() && f.version(project).isPresent());
  }

  /** Builds an {@link IndexCandidates}. Not thread-safe. */
  public static final class Builder {
    private final IndexClient client;
    private List<String> indexes = List.of();
    private List<String> findLinks = List.of();
    private Optional<Instant> cutoff = Optional.empty();
    private boolean onlyBinary;
    private FormatControl formats = FormatControl.ANY;
    private boolean preferBinary;
    private Optional<MetadataBuilder> metadataBuilder = Optional.empty();
    private Optional<Downloader> downloader = Optional.empty();

    private Builder(IndexClient client) {
      this.client = client;
    }

    /** The index first, the extra indexes after; all merged, as pip does. */
    public Builder indexes(List<String> urls) {
      this.indexes = List.copyOf(urls);
      return this;
    }

    /** Find-links locations: directories, files, HTML pages. */
    public Builder findLinks(List<String> locations) {
      this.findLinks = List.copyOf(locations);
      return this;
    }

    /**
     * Files uploaded after {@code cutoff} do not exist (an upload at the cutoff itself does); a
     * file with no upload time stays, and {@link #freezeReport} names its index.
     */
    public Builder uploadedPriorTo(Instant cutoff) {
      this.cutoff = Optional.of(requireNonNull(cutoff, "cutoff is null"));
      return this;
    }

    /** No sdists: for {@code --no-build} and foreign targets. */
    public Builder onlyBinary(boolean onlyBinary) {
      this.onlyBinary = onlyBinary;
      return this;
    }

    /**
     * Which kinds of file each project may take, as pip's configuration says ({@code no-binary},
     * {@code only-binary}); {@link #onlyBinary} still leaves out every project's sdists.
     */
    public Builder formats(FormatControl formats) {
      this.formats = requireNonNull(formats, "formats is null");
      return this;
    }

    /**
     * pip's {@code prefer-binary}: a project's versions that have a wheel are tried before those
     * with only an sdist, each group newest first.
     */
    public Builder preferBinary(boolean preferBinary) {
      this.preferBinary = preferBinary;
      return this;
    }

    /** What builds metadata no file states (dynamic sdists, direct references). */
    public Builder metadataBuilder(MetadataBuilder builder) {
      this.metadataBuilder = Optional.of(requireNonNull(builder, "builder is null"));
      return this;
    }

    /**
     * Where wheels and sdists read for their metadata are downloaded: share it with the run's
     * download step, which then reuses them. Without one only {@code file:} files and PEP 658
     * metadata can be read.
     */
    public Builder downloader(Downloader downloader) {
      this.downloader = Optional.of(requireNonNull(downloader, "downloader is null"));
      return this;
    }

    public IndexCandidates build() {
      return new IndexCandidates(this);
    }
  }
}
