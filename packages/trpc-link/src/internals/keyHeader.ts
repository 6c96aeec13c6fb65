/** Serializes a key as a structured-field String (RFC 8941 §3.3.3): quoted, `"` and `\` escaped. */
export function sfString(key: string): string {
  return `"${key.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
