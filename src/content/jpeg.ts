// Walks a JPEG's markers from start to end without decoding its pixels: a cut-short or garbled file, or a kind of JPEG readers cannot show, is found here.

/** Baseline, extended and progressive DCT: the JPEGs every PDF viewer, browser, e-reader and Word show. */
const SHOWN_FRAMES = new Set([0xc0, 0xc1, 0xc2]);
const OTHER_FRAMES = new Set([0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/**
 * A few milliseconds for any size, where decoding takes seconds in JavaScript: every segment must fit in
 * the file, the entropy-coded data may hold only stuffed bytes and restart markers, and the picture must
 * reach its end marker. Returns what is wrong, or undefined.
 */
export function checkJpeg(data: Uint8Array): string | undefined {
  let pos = 2;
  let frame = false;
  let scan = false;
  while (pos < data.length) {
    if (data[pos] !== 0xff) return 'there is stray data between its parts';
    while (data[pos] === 0xff) pos++;
    const marker = data[pos++];
    if (marker === undefined) break;
    if (marker === 0xd9) return frame && scan ? undefined : 'it ends before any picture data';
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue;
    if (pos + 2 > data.length) break;
    const length = (data[pos]! << 8) | data[pos + 1]!;
    if (length < 2 || pos + length > data.length) break;
    if (OTHER_FRAMES.has(marker)) return 'it is a lossless or arithmetic-coded JPEG, which most readers cannot show';
    if (SHOWN_FRAMES.has(marker)) {
      frame = true;
      if (data[pos + 2] !== 8) return `it stores ${data[pos + 2]}-bit samples; readers show only 8-bit JPEGs`;
    }
    pos += length;
    if (marker === 0xda) {
      scan = true;
      pos = endOfEntropyData(data, pos);
    }
  }
  return 'the file ends before the picture does (it was cut short)';
}

/** Inside compressed data a 0xFF byte is followed by 0x00 (a stuffed byte) or a restart marker; anything else starts the next segment. */
function endOfEntropyData(data: Uint8Array, start: number): number {
  for (let pos = start; pos < data.length - 1; pos++) {
    if (data[pos] !== 0xff) continue;
    const next = data[pos + 1]!;
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) continue;
    return pos;
  }
  return data.length;
}
