/**
 * A buffer reused for every image, grown as needed: a stage image at 2x is millions of pixels,
 * and a build draws thousands, which as fresh buffers each kept the garbage collector busy for a
 * seventh of a build. Images are drawn one at a time (drawing is synchronous), and the PNG
 * encoder copies the bytes out before the next image. The buffer is not cleared: callers that
 * need zeros fill it.
 */
export function reusedBuffer<T extends Uint8Array<ArrayBuffer> | Uint32Array<ArrayBuffer>>(make: (length: number) => T): (count: number) => T {
	let buffer = make(0);
	return (count) => {
		if (buffer.length < count) buffer = make(Math.ceil(count * 1.25));
		return buffer.subarray(0, count) as T;
	};
}
