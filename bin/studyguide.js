#!/usr/bin/env node
// The studyguide command: loads the compiled CLI (run `npm run compile` first) and exits with its code.
import { main, handleError } from '../dist/cli.js';

main(process.argv).then((code) => process.exit(code), (error) => process.exit(handleError(error)));
