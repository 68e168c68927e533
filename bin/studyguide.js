#!/usr/bin/env node
// The studyguide command: loads the compiled CLI (run `npm run compile` first) and exits with its code.
import { main, handleError, installSafetyHandlers } from '../dist/cli.js';

installSafetyHandlers();

main(process.argv).then((code) => process.exit(code), (error) => process.exit(handleError(error)));
