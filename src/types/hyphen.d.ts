// The hyphen package's synchronous API (Liang patterns); CommonJS without types, so it is imported as a default export.
interface Hyphenator {
  hyphenateSync(text: string, options?: { hyphenChar?: string; minWordLength?: number }): string;
}
declare module 'hyphen/en-gb/index.js' {
  const hyphenator: Hyphenator;
  export default hyphenator;
}
declare module 'hyphen/ru/index.js' {
  const hyphenator: Hyphenator;
  export default hyphenator;
}
