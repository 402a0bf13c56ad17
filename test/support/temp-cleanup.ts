import { afterAll } from 'vitest';
import { removeTempDirs } from './temp';

// Each test file's folders go when it ends: a run of the suite had left 1.5 GB in /tmp.
afterAll(removeTempDirs);
