package dev.mkwheels.packaging;

/**
 * Deflate's fixed Huffman codes (RFC 1951, 3.2.6). Fixed codes need no statistics and no code
 * tables in the stream, so the same symbols always give the same bits, whatever zlib the JDK
 * bundles. They compress tar headers, zip headers and text nearly as well as dynamic codes.
 */
final class FixedHuffman {
  static final int END_OF_BLOCK = 256;

  private static final int[] LENGTH_BASE = {
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258
  };
  private static final int[] LENGTH_EXTRA = {
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0
  };
  private static final int[] DISTANCE_BASE = {
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
    3073, 4097, 6145, 8193, 12289, 16385, 24577
  };
  private static final int[] DISTANCE_EXTRA = {
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13
  };

  // Codes are stored bit-reversed: deflate sends Huffman codes most significant bit first.
  private static final int[] LITERAL_CODE = new int[288];
  private static final int[] LITERAL_BITS = new int[288];
  private static final int[] DISTANCE_CODE = new int[30];
  private static final byte[] LENGTH_SYMBOL = new byte[259];
  private static final byte[] DISTANCE_SYMBOL = new byte[32769];

  static {
    for (int symbol = 0; symbol < 288; symbol++) {
      int code;
      int bits;
      if (symbol < 144) {
        code = 0x30 + symbol;
        bits = 8;
      } else if (symbol < 256) {
        code = 0x190 + symbol - 144;
        bits = 9;
      } else if (symbol < 280) {
        code = symbol - 256;
        bits = 7;
      } else {
        code = 0xC0 + symbol - 280;
        bits = 8;
      }
      LITERAL_CODE[symbol] = reverse(code, bits);
      LITERAL_BITS[symbol] = bits;
    }
    for (int symbol = 0; symbol < 30; symbol++) {
      DISTANCE_CODE[symbol] = reverse(symbol, 5);
      for (int d = DISTANCE_BASE[symbol];
          d < DISTANCE_BASE[symbol] + (1 << DISTANCE_EXTRA[symbol]);
          d++) {
        DISTANCE_SYMBOL[d] = (byte) symbol;
      }
    }
    for (int symbol = 0; symbol < 28; symbol++) {
      for (int l = LENGTH_BASE[symbol];
          l < LENGTH_BASE[symbol] + (1 << LENGTH_EXTRA[symbol]) && l < 258;
          l++) {
        LENGTH_SYMBOL[l] = (byte) symbol;
      }
    }
    LENGTH_SYMBOL[258] = 28;
  }

  private final BitOutput out;

  FixedHuffman(BitOutput out) {
    this.out = out;
  }

  void literal(int value) {
    out.put(LITERAL_CODE[value], LITERAL_BITS[value]);
  }

  /** A back reference: {@code length} 3..258 bytes from {@code distance} 1..32768 back. */
  void match(int length, int distance) {
    int lengthSymbol = LENGTH_SYMBOL[length];
    out.put(LITERAL_CODE[257 + lengthSymbol], LITERAL_BITS[257 + lengthSymbol]);
    if (LENGTH_EXTRA[lengthSymbol] > 0) {
      out.put(length - LENGTH_BASE[lengthSymbol], LENGTH_EXTRA[lengthSymbol]);
    }
    int distanceSymbol = DISTANCE_SYMBOL[distance];
    out.put(DISTANCE_CODE[distanceSymbol], 5);
    if (DISTANCE_EXTRA[distanceSymbol] > 0) {
      out.put(distance - DISTANCE_BASE[distanceSymbol], DISTANCE_EXTRA[distanceSymbol]);
    }
  }

  void endOfBlock() {
    literal(END_OF_BLOCK);
  }

  private static int reverse(int code, int bits) {
    return Integer.reverse(code) >>> (32 - bits);
  }
}
