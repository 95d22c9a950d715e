package dev.mkwheels.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A forge's source archive of one tag, for the host to fetch and unpack ({@link
 * SourceContext#unpack}). The provider only says where it is; the host downloads it with its
 * hardened checks (size cap, integrity of the compressed stream), unpacks it safely (no entry
 * outside the tree, no link out of it, no device, bounded sizes and counts), finds the project root
 * and tells the tree's version plugins the version. Immutable; built with {@link #builder}.
 */
public final class SourceArchive {
  private final URI url;
  private final String label;
  private final String version;
  private final List<Credential> credentials;

  private SourceArchive(Builder builder) {
    this.url = builder.url;
    this.label = builder.label;
    this.version = builder.version;
    this.credentials = List.copyOf(builder.credentials);
  }

  /**
   * Starts an archive.
   *
   * @param url where it is; its format (tar.gz, tar.bz2, tar.xz, zip) is read from its bytes
   * @param label how messages name it, for example {@code "the archive of group/app v1.2.0"}
   * @param version the version being vendored, told to the tree's version plugins
   */
  public static Builder builder(URI url, String label, String version) {
    return new Builder(url, label, version);
  }

  /** Where the archive is. */
  public URI url() {
    return url;
  }

  /** How messages name it. */
  public String label() {
    return label;
  }

  /** The version told to the tree's version plugins. */
  public String version() {
    return version;
  }

  /** The credentials the host may attach, each to its own origin only; empty for none. */
  public List<Credential> credentials() {
    return credentials;
  }

  /** Builds a {@link SourceArchive}. */
  public static final class Builder {
    private final URI url;
    private final String label;
    private final String version;
    private final List<Credential> credentials = new ArrayList<>();

    private Builder(URI url, String label, String version) {
      this.url = Objects.requireNonNull(url, "url is null");
      this.label = Objects.requireNonNull(label, "label is null");
      this.version = Objects.requireNonNull(version, "version is null");
    }

    /** Adds a credential the host attaches to requests for its origin, when its variable is set. */
    public Builder credential(Credential credential) {
      credentials.add(Objects.requireNonNull(credential, "credential is null"));
      return this;
    }

    /** The archive. */
    public SourceArchive build() {
      return new SourceArchive(this);
    }
  }
}
