import { open } from 'node:fs/promises';

/** At most `max` bytes from the start of a file. */
export async function readHead(path: string, max: number): Promise<Uint8Array> {
	const handle = await open(path, 'r');
	try {
		const buffer = new Uint8Array(max);
		const { bytesRead } = await handle.read(buffer, 0, max, 0);
		return buffer.subarray(0, bytesRead);
	} finally {
		await handle.close();
	}
}

/**
 * The last `max` bytes of a file of `size` bytes, without the line the cut falls into: the
 * part kept starts at a line (and so at a whole UTF-8 character). The file is never read whole.
 */
export async function readTail(path: string, size: number, max: number): Promise<Uint8Array> {
	const handle = await open(path, 'r');
	try {
		const length = Math.min(size, max);
		const buffer = new Uint8Array(length);
		const { bytesRead } = await handle.read(buffer, 0, length, size - length);
		const tail = buffer.subarray(0, bytesRead);
		if (length === size) return tail;
		const newline = tail.indexOf(0x0a);
		return newline === -1 ? tail : tail.subarray(newline + 1);
	} finally {
		await handle.close();
	}
}
