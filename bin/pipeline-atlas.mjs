#!/usr/bin/env node
// The CLI is TypeScript, shared with the site; tsx runs it without a compile step.
import { register } from 'tsx/esm/api';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
	console.error(`pipeline-atlas needs Node >= 22.12 (this is ${process.version}). Run it through npx or npm run, which use the node@22 dev dependency.`);
	process.exit(2);
}
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
