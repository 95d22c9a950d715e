package dev.mkwheels.python.index;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The links of a PEP 503 page, read as pip's {@code HTMLLinkParser} reads them: every {@code <a
 * href>}, resolved against the first {@code <base href>} (itself against the page), attribute
 * values HTML-unescaped.
 */
final class HtmlPage {
  private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
  private static final Pattern TAG =
      Pattern.compile(
          "<(a|base)((?:\\s+[^\\s=>/]+(?:\\s*=\\s*(?:\"[^\"]*\"|'[^']*'|[^\\s>\"']+))?)*)\\s*/?>",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern ATTRIBUTE =
      Pattern.compile("([^\\s=>/]+)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>\"']+)))?");
  private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);");
  private static final Map<String, String> NAMED =
      Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp", "\u00a0");
  private static final Pattern DIGEST =
      Pattern.compile("(sha512|sha384|sha256|sha224|sha1|md5)=([0-9a-fA-F]+)");

  private HtmlPage() {}

  /** The files {@code html}, read from {@code page}, links to. */
  static List<IndexFile> files(String html, URI page) {
    String text = COMMENT.matcher(html).replaceAll("");
    URI base = null;
    List<IndexFile> files = new ArrayList<>();
    Matcher tag = TAG.matcher(text);
    while (tag.find()) {
      Map<String, String> attributes = attributes(tag.group(2));
      String href = attributes.get("href");
      if (href == null) {
        continue;
      }
      if (tag.group(1).equalsIgnoreCase("base")) {
        if (base == null) {
          base = Links.resolve(page, href.strip());
        }
        continue;
      }
      URI url = Links.resolve(base == null ? page : base, href.strip());
      if (url == null) {
        continue;
      }
      String name = Links.fileName(url);
      if (name.isEmpty()) {
        continue;
      }
      String yanked = attributes.get("data-yanked");
      String metadata = attributes.get("data-core-metadata");
      if (metadata == null) {
        metadata = attributes.get("data-dist-info-metadata");
      }
      URI bare = Links.withoutFragment(url);
      Optional<IndexFile.MetadataFile> metadataFile =
          metadata == null || metadata.equalsIgnoreCase("false")
              ? Optional.empty()
              : Optional.of(new IndexFile.MetadataFile(Links.metadataUrl(bare), digests(metadata)));
      files.add(
          new IndexFile(
              name,
              bare,
              digests(url.getRawFragment() == null ? "" : url.getFragment()),
              Optional.ofNullable(attributes.get("data-requires-python")).filter(s -> !s.isBlank()),
              yanked != null,
              Optional.ofNullable(yanked).filter(s -> !s.isBlank()),
              metadataFile,
              Optional.empty(),
              OptionalLong.empty()));
    }
    return files;
  }

  /** Every {@code alg=hex} of a fragment or a metadata attribute; later ones do not override. */
  static Map<String, String> digests(String text) {
    Map<String, String> digests = new TreeMap<>();
    Matcher m = DIGEST.matcher(text);
    while (m.find()) {
      digests.putIfAbsent(m.group(1), m.group(2).toLowerCase(Locale.ROOT));
    }
    return digests;
  }

  private static Map<String, String> attributes(String text) {
    Map<String, String> attributes = new HashMap<>();
    Matcher m = ATTRIBUTE.matcher(text);
    while (m.find()) {
      String value = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
      attributes.putIfAbsent(
          m.group(1).toLowerCase(Locale.ROOT), value == null ? "" : unescape(value));
    }
    return attributes;
  }

  /** Character references, as Python's {@code html.unescape} reads the common ones. */
  static String unescape(String value) {
    if (value.indexOf('&') < 0) {
      return value;
    }
    Matcher m = ENTITY.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String ref = m.group(1);
      String replacement;
      if (ref.startsWith("#x") || ref.startsWith("#X")) {
        replacement = codePoint(ref.substring(2), 16);
      } else if (ref.startsWith("#")) {
        replacement = codePoint(ref.substring(1), 10);
      } else {
        replacement = NAMED.get(ref.toLowerCase(Locale.ROOT));
      }
      m.appendReplacement(
          out, Matcher.quoteReplacement(replacement == null ? m.group() : replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String codePoint(String digits, int radix) {
    try {
      int c = Integer.parseInt(digits, radix);
      return Character.isValidCodePoint(c) && c != 0 ? Character.toString(c) : "\ufffd";
    } catch (NumberFormatException e) {
      return "\ufffd";
    }
  }
}
