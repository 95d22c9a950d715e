package dev.mkwheels.packaging;

import static dev.mkwheels.packaging.PackFormat.GOOD_LENGTH;
import static dev.mkwheels.packaging.PackFormat.HASH_BITS;
import static dev.mkwheels.packaging.PackFormat.HASH_SHIFT;
import static dev.mkwheels.packaging.PackFormat.MAX_CHAIN;
import static dev.mkwheels.packaging.PackFormat.MAX_DISTANCE;
import static dev.mkwheels.packaging.PackFormat.MAX_LAZY;
import static dev.mkwheels.packaging.PackFormat.MAX_MATCH;
import static dev.mkwheels.packaging.PackFormat.MIN_LOOKAHEAD;
import static dev.mkwheels.packaging.PackFormat.MIN_MATCH;
import static dev.mkwheels.packaging.PackFormat.NICE_LENGTH;
import static dev.mkwheels.packaging.PackFormat.TOO_FAR;
import static dev.mkwheels.packaging.PackFormat.WINDOW;
import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * Deflate's LZ77 with hash chains and one step of lazy matching, tuned like zlib's level 6. Pure
 * Java, so its choices (and the archive's bytes) never depend on the JDK's zlib. Its parameters and
 * rules are written down in {@link PackFormat}, and are part of the format.
 *
 * <p>The window holds every byte of the stream, stored ones too, so matches may reach back into
 * them; only bytes given to {@link #compress} are indexed, as stored runs would not shrink. The
 * hash chains hold stream positions, not window indices, so sliding the window costs a copy and
 * nothing else: entries that fell out of it are simply too far back to be used.
 */
final class Lz77 {
  private static final int MASK = WINDOW - 1;
  private static final int HASH_SIZE = 1 << HASH_BITS;
  private static final int NIL = -1;
  // Stream positions are ints; past this they are renumbered (once per gigabyte). Not part of the
  // format: renumbering changes no byte.
  static final int REBASE_AT = 1 << 30;

  private final FixedHuffman huffman;
  private final byte[] window = new byte[2 * WINDOW];
  private final int[] head = new int[HASH_SIZE];
  private final int[] previous = new int[WINDOW];
  private int end;
  // The stream position of window[0].
  private int base;
  private final int rebaseAt;

  Lz77(FixedHuffman huffman) {
    this(huffman, REBASE_AT);
  }

  /** With another renumbering threshold: for tests, which cannot stream a gigabyte. */
  Lz77(FixedHuffman huffman, int rebaseAt) {
    this.huffman = requireNonNull(huffman, "huffman is null");
    this.rebaseAt = rebaseAt;
    Arrays.fill(head, NIL);
  }

  /** Notes bytes that went out stored, so that later matches may refer to them. */
  void skip(byte[] data, int offset, int length) {
    if (length >= WINDOW) {
      // Whatever came before is out of reach now; its chain entries fail the distance check.
      rebaseIfNeeded();
      System.arraycopy(data, offset + length - WINDOW, window, 0, WINDOW);
      base += end + length - WINDOW;
      end = WINDOW;
      return;
    }
    if (end + length > window.length) {
      slide();
    }
    System.arraycopy(data, offset, window, end, length);
    end += length;
  }

  /** Encodes {@code length} bytes as literals and matches; no match reaches past them. */
  void compress(byte[] data, int offset, int length) {
    int consumed = 0;
    int position = end;
    int previousLength = MIN_MATCH - 1;
    int previousDistance = 0;
    boolean literalPending = false;
    while (true) {
      int room = window.length - end;
      int take = Math.min(room, length - consumed);
      System.arraycopy(data, offset + consumed, window, end, take);
      end += take;
      consumed += take;
      boolean last = consumed == length;
      // The segment's end, in window positions: matches and hashes stop there.
      int limit = last ? end : end - MIN_LOOKAHEAD;
      while (position < limit) {
        int matchLength = MIN_MATCH - 1;
        int matchDistance = 0;
        if (position + MIN_MATCH <= end) {
          int candidate = insert(position);
          if (candidate != NIL
              && previousLength < MAX_LAZY
              && position - candidate <= MAX_DISTANCE) {
            long found = longestMatch(position, candidate, previousLength);
            matchLength = (int) (found >>> 32);
            matchDistance = (int) found;
            if (matchLength == MIN_MATCH && matchDistance > TOO_FAR) {
              matchLength = MIN_MATCH - 1;
            }
          }
        }
        if (previousLength >= MIN_MATCH && matchLength <= previousLength) {
          huffman.match(previousLength, previousDistance);
          int stop = position - 1 + previousLength;
          for (int p = position + 1; p < stop; p++) {
            if (p + MIN_MATCH <= end) {
              insert(p);
            }
          }
          position = stop;
          literalPending = false;
          previousLength = MIN_MATCH - 1;
        } else {
          if (literalPending) {
            huffman.literal(window[position - 1] & 0xFF);
          }
          literalPending = true;
          previousLength = matchLength;
          previousDistance = matchDistance;
          position++;
        }
      }
      if (last) {
        break;
      }
      position -= slide();
    }
    if (literalPending) {
      huffman.literal(window[position - 1] & 0xFF);
    }
  }

  /** Indexes the three bytes at {@code position}; returns the previous position with that hash. */
  private int insert(int position) {
    int hash =
        ((window[position] & 0xFF) << 2 * HASH_SHIFT
                ^ (window[position + 1] & 0xFF) << HASH_SHIFT
                ^ (window[position + 2] & 0xFF))
            & (HASH_SIZE - 1);
    int streamPosition = base + position;
    int candidate = head[hash];
    previous[streamPosition & MASK] = candidate;
    head[hash] = streamPosition;
    return candidate == NIL ? NIL : candidate - base;
  }

  /** The longest match (length in the high int, distance in the low) better than {@code best}. */
  private long longestMatch(int position, int candidate, int best) {
    int chain = best >= GOOD_LENGTH ? MAX_CHAIN >> 2 : MAX_CHAIN;
    int maxLength = Math.min(MAX_MATCH, end - position);
    int bestLength = best;
    int bestDistance = 0;
    // candidate < position always holds; checked anyway, so that no slip here can emit a
    // reference to bytes not yet written.
    while (candidate >= 0
        && candidate < position
        && position - candidate <= MAX_DISTANCE
        && chain-- > 0) {
      if (bestLength < maxLength
          && window[candidate + bestLength] == window[position + bestLength]
          && window[candidate] == window[position]) {
        int length = 1;
        while (length < maxLength && window[candidate + length] == window[position + length]) {
          length++;
        }
        if (length > bestLength) {
          bestLength = length;
          bestDistance = position - candidate;
          if (length >= Math.min(NICE_LENGTH, maxLength)) {
            break;
          }
        }
      }
      int next = previous[(base + candidate) & MASK];
      candidate = next == NIL ? NIL : next - base;
    }
    return ((long) bestLength << 32) | bestDistance;
  }

  /** Drops the older half of the window; returns how far window indices moved. */
  private int slide() {
    rebaseIfNeeded();
    System.arraycopy(window, WINDOW, window, 0, end - WINDOW);
    end -= WINDOW;
    base += WINDOW;
    return WINDOW;
  }

  // Renumbers stream positions before they overflow, by a multiple of the window size so that
  // every position keeps its slot in previous[]. Entries before the window are out of reach
  // whatever their number, so they become NIL; the matches found stay the same.
  private void rebaseIfNeeded() {
    if (base < rebaseAt) {
      return;
    }
    int shift = base - (base & MASK);
    for (int i = 0; i < head.length; i++) {
      head[i] = head[i] >= base ? head[i] - shift : NIL;
    }
    for (int i = 0; i < previous.length; i++) {
      previous[i] = previous[i] >= base ? previous[i] - shift : NIL;
    }
    base -= shift;
  }
}
