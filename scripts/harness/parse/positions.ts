/**
 * sh-syntax (mvdan/sh compiled to WASM) reports UTF-8 byte offsets; JavaScript slices
 * strings by UTF-16 units. Japanese comment lines make the two differ, so every offset
 * crossing that boundary goes through here.
 */
import type { TextPosition } from './errors';

export class TextIndex {
  readonly text: string;
  /** byteToIndex[b] is the string index of the character starting at byte b. */
  private readonly byteToIndex: Int32Array;
  private readonly lineStarts: number[];

  constructor(text: string) {
    this.text = text;
    const bytes = Buffer.byteLength(text, 'utf8');
    this.byteToIndex = new Int32Array(bytes + 1).fill(-1);
    let byte = 0;
    for (let index = 0; index < text.length; ) {
      const codePoint = text.codePointAt(index)!;
      this.byteToIndex[byte] = index;
      byte += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
      index += codePoint > 0xffff ? 2 : 1;
    }
    this.byteToIndex[bytes] = text.length;
    this.lineStarts = [0];
    for (let index = 0; index < text.length; index++) if (text[index] === '\n') this.lineStarts.push(index + 1);
  }

  /** The string index of a byte offset sh-syntax reported. */
  indexOfByte(byte: number): number {
    const index = this.byteToIndex[byte];
    if (index === undefined || index < 0) throw new RangeError(`byte offset ${byte} is not at a character boundary`);
    return index;
  }

  position(index: number): TextPosition {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= index) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: index - this.lineStarts[low]! + 1 };
  }
}
