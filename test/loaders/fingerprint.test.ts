import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderFingerprint } from '../../src/loaders/fingerprint';
import { tempDir } from '../support/temp';

function folder(): string {
	const dir = tempDir('atlas-fingerprint-');
	mkdirSync(join(dir, 'shop/.circleci'), { recursive: true });
	writeFileSync(join(dir, 'shop/.circleci/config.yml'), 'version: 2.1\n');
	mkdirSync(join(dir, 'shop/runs/1'), { recursive: true });
	writeFileSync(join(dir, 'shop/runs/1/log.txt'), 'hello\n');
	return dir;
}

describe('folderFingerprint', () => {
	it('is the same for the same files, wherever the folder is', () => {
		expect(folderFingerprint(folder())).toBe(folderFingerprint(folder()));
	});

	it('changes with a byte of any file, even at the same size', () => {
		const a = folder();
		const before = folderFingerprint(a);
		writeFileSync(join(a, 'shop/runs/1/log.txt'), 'hellO\n');
		expect(folderFingerprint(a)).not.toBe(before);
	});

	it('changes when a file moves or a new one comes', () => {
		const a = folder();
		const before = folderFingerprint(a);
		renameSync(join(a, 'shop/runs/1/log.txt'), join(a, 'shop/runs/1/other.txt'));
		const moved = folderFingerprint(a);
		expect(moved).not.toBe(before);
		writeFileSync(join(a, 'shop/runs/1/empty.txt'), '');
		expect(folderFingerprint(a)).not.toBe(moved);
	});
});
