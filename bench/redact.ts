/**
 * Redaction speed on a CI-sized log: `npx tsx bench/redact.ts`. Every run log passes through
 * the redactor once on ingestion, so this bounds what redaction adds to a build.
 */
import { createRedactor } from '../src/redact/redact';

const values = Array.from({ length: 20 }, (_, i) => `value-${i}-secret-${'x'.repeat(i)}`);
const redactor = createRedactor({ values, ciMasks: 'all' });
let log = '';
for (let i = 0; log.length < 700_000; i++) log += `2024-05-01T12:00:00.1234567Z \x1b[32mstep ${i}\x1b[0m npm ci ${values[i % 20]} AKIA done ***\n`;
redactor.redact(log);
const rounds = 10;
const started = performance.now();
for (let i = 0; i < rounds; i++) redactor.redact(log);
const ms = (performance.now() - started) / rounds;
console.log(`redact: ${(log.length / 1024).toFixed(0)} KB log, 20 values: ${ms.toFixed(1)} ms per pass (${((log.length / 1024 / 1024) / (ms / 1000)).toFixed(1)} MB/s)`);
