/**
 * A file name made from user input (a trainee's name, a scenario's name, a plan's name):
 * one path segment that every file system accepts and that cannot climb out of its
 * folder. Letters of any language are kept (Niccolò stays Niccolò); separators, control
 * characters and the characters Windows forbids become `-`.
 */

/** Longest name in UTF-8 bytes (most file systems allow 255; room is left for suffixes). */
export const MAX_FILE_NAME_BYTES = 100;

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;

export function safeFileName(input: string, fallback = 'untitled'): string {
  let name = input
    .normalize('NFC')
    // Separators, control characters and the characters Windows forbids in names.
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, '-')
    // Invisible and direction-changing characters could disguise the name.
    .replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/-{2,}/g, '-')
    .trim()
    // Leading dots hide the file (or mean . and ..); trailing dots and spaces Windows drops.
    .replace(/^[.\s-]+/, '')
    .replace(/[.\s-]+$/, '');
  name = truncateUtf8(name, MAX_FILE_NAME_BYTES).replace(/[.\s-]+$/, '');
  if (name === '') return fallback;
  if (WINDOWS_RESERVED.test(name)) name = `_${name}`;
  return name;
}

/** The longest prefix of `text` within `bytes` UTF-8 bytes, never splitting a character. */
function truncateUtf8(text: string, bytes: number): string {
  const encoder = new TextEncoder();
  if (encoder.encode(text).length <= bytes) return text;
  let result = '';
  let used = 0;
  for (const character of text) {
    const size = encoder.encode(character).length;
    if (used + size > bytes) break;
    result += character;
    used += size;
  }
  return result;
}
