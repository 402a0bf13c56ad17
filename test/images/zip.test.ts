import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { runZip } from '../../src/images';

const bytes = (text: string) => new TextEncoder().encode(text);
const FILES = [
	{ name: 'atlas-1234-02-build.svg', bytes: bytes('<svg>build</svg>'.repeat(50)) },
	{ name: 'atlas-1234-01-checkout.png', bytes: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]) },
	{ name: 'atlas-1234-00-job-test.png', bytes: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 4, 5, 6]) },
	{ name: 'notes/ünïcode name.txt', bytes: bytes('hello') },
];

interface Entry {
	name: string;
	method: number;
	time: number;
	date: number;
	extra: number;
	localExtra: number;
}

/** Central directory entries in order, read from the end record (the archive has no comment). */
function entries(zip: Uint8Array): Entry[] {
	const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
	const end = zip.length - 22;
	expect(view.getUint32(end, true)).toBe(0x06054b50);
	const count = view.getUint16(end + 10, true);
	let at = view.getUint32(end + 16, true);
	const out: Entry[] = [];
	for (let k = 0; k < count; k++) {
		expect(view.getUint32(at, true)).toBe(0x02014b50);
		const nameLength = view.getUint16(at + 28, true);
		const extra = view.getUint16(at + 30, true);
		const local = view.getUint32(at + 42, true);
		expect(view.getUint32(local, true)).toBe(0x04034b50);
		out.push({
			name: new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)),
			method: view.getUint16(at + 10, true),
			time: view.getUint16(local + 10, true),
			date: view.getUint16(local + 12, true),
			extra,
			localExtra: view.getUint16(local + 28, true),
		});
		at += 46 + nameLength + extra + view.getUint16(at + 32, true);
	}
	return out;
}
const centralNames = (zip: Uint8Array) => entries(zip).map((e) => e.name);

const tz = process.env.TZ;
afterEach(() => {
	if (tz === undefined) delete process.env.TZ;
	else process.env.TZ = tz;
});

describe('runZip', () => {
	it('unzips to the same files, ordered by name', () => {
		const zip = runZip(FILES);
		const out = unzipSync(zip);
		expect(Object.keys(out).sort()).toEqual(FILES.map((f) => f.name).sort());
		for (const f of FILES) expect(Buffer.from(out[f.name]!).equals(Buffer.from(f.bytes))).toBe(true);
		expect(centralNames(zip)).toEqual(FILES.map((f) => f.name).sort());
	});

	it('gives the same bytes for the same files in any order, in any time zone', () => {
		const a = runZip(FILES);
		expect(Buffer.from(runZip([...FILES].reverse())).equals(Buffer.from(a))).toBe(true);
		for (const zone of ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Kathmandu']) {
			process.env.TZ = zone;
			expect(Buffer.from(runZip(FILES)).equals(Buffer.from(a)), zone).toBe(true);
		}
	});

	it('stamps every entry 1980-01-01 00:00 and writes no extra fields', () => {
		const list = entries(runZip(FILES));
		expect(list).toHaveLength(FILES.length);
		for (const e of list) {
			expect(e.time, e.name).toBe(0);
			expect(e.date, e.name).toBe((0 << 9) | (1 << 5) | 1);
			expect(e.extra + e.localExtra, e.name).toBe(0);
		}
	});

	it('stores PNGs and deflates text', () => {
		const methods = new Map(entries(runZip(FILES)).map((e) => [e.name, e.method]));
		expect(methods.get('atlas-1234-01-checkout.png')).toBe(0);
		expect(methods.get('atlas-1234-02-build.svg')).toBe(8);
	});

	it('orders numeric names as written, and refuses duplicates and unsafe paths', () => {
		const zip = runZip([{ name: 'b', bytes: bytes('b') }, { name: '10', bytes: bytes('10') }, { name: '9', bytes: bytes('9') }, { name: 'a', bytes: bytes('a') }]);
		expect(centralNames(zip)).toEqual(['9', '10', 'a', 'b']);
		expect(() => runZip([FILES[0]!, FILES[0]!])).toThrow(/Two files/);
		for (const name of ['', '/etc/passwd', '../x', 'a/../../x', 'a\\b', 'dir/']) expect(() => runZip([{ name, bytes: bytes('x') }]), name).toThrow(/Not a file name/);
	});

	it('makes an empty archive of no files', () => {
		expect(Object.keys(unzipSync(runZip([])))).toEqual([]);
	});
});
