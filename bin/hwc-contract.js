#!/usr/bin/env node
// The installed command. The TypeScript sources are compiled to dist/ by `npm install` (the `prepare` script).
import { runMain } from '../dist/cli/hwc-contract-cli.mjs';

await runMain(process.argv.slice(2));
