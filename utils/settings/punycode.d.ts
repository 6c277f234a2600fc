/** punycode.js (Mathias Bynens), its ES module; the package ships no types. */
declare module 'punycode/punycode.es6.js' {
  export function toUnicode(domain: string): string;
  export function toASCII(domain: string): string;
}
