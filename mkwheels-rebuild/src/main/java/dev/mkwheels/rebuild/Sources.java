package dev.mkwheels.rebuild;

import java.util.List;

/**
 * Where {@code mkwheels rebuild} looks for the locked files, pip's option names.
 *
 * @param indexUrls PEP 503 simple indexes ({@code --index-url}, then each {@code
 *     --extra-index-url}); empty: each package's {@code index} recorded in the lock
 * @param findLinks directories, {@code file:} URLs or HTML pages of links ({@code --find-links}),
 *     looked in first
 */
public record Sources(List<String> indexUrls, List<String> findLinks) {
  public Sources {
    indexUrls = List.copyOf(indexUrls);
    findLinks = List.copyOf(findLinks);
  }
}
