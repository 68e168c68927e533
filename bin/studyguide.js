#!/usr/bin/env node
// The studyguide command: loads the compiled CLI (made by `npm run compile`, or when the package is packed) and exits with its code.
import { fileURLToPath } from 'node:url';

const compiled = new URL('../dist/cli.js', import.meta.url);
let cli;
try {
  cli = await import(compiled.href);
} catch (error) {
  // A clone that was never compiled: say what to do rather than print a module-resolution stack.
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes(fileURLToPath(compiled))) throw error;
  process.stderr.write('studyguide is not compiled: run `npm run compile` in its folder first\n');
  process.exit(70);
}
const { main, handleError, installSafetyHandlers } = cli;

installSafetyHandlers();

main(process.argv).then((code) => process.exit(code), (error) => process.exit(handleError(error)));
