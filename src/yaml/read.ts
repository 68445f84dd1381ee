/**
 * Reading a YAML text file: size limit, encoding detection (UTF-8 only; a UTF-8 byte-order
 * mark is accepted, UTF-16/32 and Latin-1 are refused at the first bad byte) and problems
 * with the file itself, all as diagnostics — the promise never rejects for bad input.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { makeFileDiagnostic, type CatalogueOf, type FileDiagnostic, type YamlCode } from './diagnostic.ts';
import { closest, errorText } from './values.ts';

export interface ReadOptions<C extends string> {
  /** What the file should be, for messages: `scenario`, `call script`… */
  readonly noun: string;
  /** Files larger than this are refused with FILE_TOO_LARGE. */
  readonly maxBytes: number;
  readonly catalogue: CatalogueOf<C | YamlCode>;
}

export type ReadResult<C extends string> = { text: string } | { error: FileDiagnostic<C | YamlCode> };

const SAVE_AS_UTF8 = 'save the file as UTF-8 (in most editors: "Save with encoding" → UTF-8)';

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Reads a UTF-8 text file; problems with the file are diagnostics, never exceptions. */
export async function readTextFile<C extends string>(path: string, options: ReadOptions<C>): Promise<ReadResult<C>> {
  const { noun, maxBytes, catalogue } = options;
  const fail = (code: YamlCode, message: string, hint?: string): ReadResult<C> => ({ error: makeFileDiagnostic(catalogue, code, path, message, hint) });
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (info.isDirectory()) return fail('FILE_UNREADABLE', `${path} is a folder, not a file`, `name a .yaml ${noun} file inside it`);
    if (info.size > maxBytes) {
      return fail(
        'FILE_TOO_LARGE',
        `${path} is ${megabytes(info.size)}, too large for a ${noun} (limit ${megabytes(maxBytes)})`,
        `check that this is the ${noun} file you meant; a ${noun} is a few kilobytes`,
      );
    }
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      const suggestion = await similarFile(path);
      return fail('FILE_NOT_FOUND', `there is no file ${path}`, suggestion !== undefined ? `did you mean ${suggestion}?` : undefined);
    }
    if (code === 'EACCES' || code === 'EPERM') return fail('FILE_UNREADABLE', `permission denied reading ${path}`, 'give yourself read permission on the file');
    return fail('FILE_UNREADABLE', `${path} cannot be read (${code ?? errorText(error)})`);
  }
  return decodeText(bytes, path, options);
}

/** UTF-8 decoding that points at the first bad byte instead of silently replacing it. */
export function decodeText<C extends string>(bytes: Uint8Array, file: string, options: Pick<ReadOptions<C>, 'noun' | 'catalogue'>): ReadResult<C> {
  const at = (message: string, hint: string, line = 1, column = 1): ReadResult<C> => ({
    error: makeFileDiagnostic(options.catalogue, 'FILE_UNREADABLE', file, message, hint, line, column),
  });
  const utf32 = (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) || (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff);
  if (utf32) return at('the file is saved as UTF-32, not UTF-8', SAVE_AS_UTF8);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return at('the file is saved as UTF-16, not UTF-8', SAVE_AS_UTF8);
  }
  if (looksLikeUtf16(bytes)) return at('the file is saved as UTF-16 (every other byte is 0), not UTF-8', SAVE_AS_UTF8);
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const { line, column } = byteLineColumn(bytes, nul);
    return at('the file contains a NUL byte, so it is binary, not text', `check that this is the ${options.noun} file you meant`, line, column);
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8Byte(bytes);
    const { line, column } = byteLineColumn(bytes, offset);
    const byte = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    return at(`byte 0x${byte} is not valid UTF-8 (the file was probably saved as Latin-1 or Windows-1252)`, SAVE_AS_UTF8, line, column);
  }
}

/** UTF-16 without a byte-order mark: ASCII text with a zero byte before or after every character. */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const sample = Math.min(bytes.length, 64) & ~1;
  if (sample < 4) return false;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0 && bytes[i + 1] !== 0) evenZeros++;
    if (bytes[i + 1] === 0 && bytes[i] !== 0) oddZeros++;
  }
  const pairs = sample / 2;
  return evenZeros === pairs || oddZeros === pairs;
}

/** Offset of the lead byte of the first invalid UTF-8 sequence (RFC 3629: no overlongs, no surrogates). */
function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  const continuation = (i: number, low = 0x80, high = 0xbf): boolean => {
    const byte = bytes[i];
    return byte !== undefined && byte >= low && byte <= high;
  };
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) i += 1;
    else if (lead >= 0xc2 && lead <= 0xdf && continuation(i + 1)) i += 2;
    else if (lead >= 0xe0 && lead <= 0xef && continuation(i + 1, lead === 0xe0 ? 0xa0 : 0x80, lead === 0xed ? 0x9f : 0xbf) && continuation(i + 2)) i += 3;
    else if (
      lead >= 0xf0 &&
      lead <= 0xf4 &&
      continuation(i + 1, lead === 0xf0 ? 0x90 : 0x80, lead === 0xf4 ? 0x8f : 0xbf) &&
      continuation(i + 2) &&
      continuation(i + 3)
    )
      i += 4;
    else return i;
  }
  return bytes.length;
}

function byteLineColumn(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const before = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset)).replace(/^\uFEFF/, '');
  return { line, column: [...before].length + 1 };
}

/** A YAML file in the same folder whose name is close to the one asked for. */
async function similarFile(path: string): Promise<string | undefined> {
  try {
    const folder = dirname(path);
    const names = (await readdir(folder)).filter((name) => /\.ya?ml$/i.test(name));
    const wanted = basename(path);
    const withExtension = names.find((name) => name === `${wanted}.yaml` || name === `${wanted}.yml`);
    const match = withExtension ?? closest(wanted, names) ?? closest(basename(wanted, extname(wanted)), names.map((n) => basename(n, extname(n))));
    if (match === undefined) return undefined;
    const file = names.find((name) => name === match || basename(name, extname(name)) === match) ?? match;
    return folder === '.' && !path.startsWith('./') ? file : join(folder, file);
  } catch {
    return undefined;
  }
}
