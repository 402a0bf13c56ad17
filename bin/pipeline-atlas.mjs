#!/usr/bin/env node
// The CLI is TypeScript, shared with the site; tsx runs it without a compile step.
import { register } from 'tsx/esm/api';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
	console.error(`pipeline-atlas needs Node >= 22.12 (this is ${process.version}). Run it through npx or npm run, which use the node@22 dev dependency.`);
	process.exit(2);
}
// resvg, which draws the diagrams' PNGs and the stage images' glyph sheets, allocates through
// mimalloc, which hands freed memory back to the system 10 ms later: each diagram's canvas of
// millions of pixels then came from fresh pages, and faulting them in was half of a diagram's
// time here (M's 7,918 images in one process: 69 s -> 55 s; peak RSS 808 -> 823 MB, where 200 ms
// held 240 MB more). Read when resvg is first loaded, so set before anything imports it.
process.env.MIMALLOC_PURGE_DELAY ??= '50';
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
