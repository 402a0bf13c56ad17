import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import { imageFonts } from '../../src/images/png';
import { RunStep, type RunStepInput } from '../../src/model';

/** The parts of `sax` used here (it ships no types). */
interface SaxParser {
	onerror: (error: Error) => void;
	onopentag: (node: { name: string; attributes: Record<string, string> }) => void;
	onclosetag: (name: string) => void;
	ontext: (text: string) => void;
	oncdata: (text: string) => void;
	write(xml: string): SaxParser;
	close(): void;
}
const sax = createRequire(import.meta.url)('sax') as { parser(strict: boolean, options: { strictEntities: boolean }): SaxParser };

export interface XmlElement {
	name: string;
	attributes: Record<string, string>;
	/** Decoded text of the element and its descendants. */
	text: string;
	/** Names of the ancestors, outermost first. */
	path: string[];
}

/**
 * Parses with sax in strict mode (well-formedness enforced, only XML's own entities) and returns
 * every element with its decoded text. Throws on anything malformed. resvg's parser, roxmltree,
 * is stricter still (character ranges): every PNG made is a second check.
 */
export function parseXml(xml: string): XmlElement[] {
	const parser = sax.parser(true, { strictEntities: true });
	const out: XmlElement[] = [];
	const stack: XmlElement[] = [];
	let error: Error | undefined;
	parser.onerror = (e) => {
		error ??= e;
	};
	parser.onopentag = (node) => {
		const element = { name: node.name, attributes: node.attributes, text: '', path: stack.map((e) => e.name) };
		out.push(element);
		stack.push(element);
	};
	parser.onclosetag = () => {
		stack.pop();
	};
	const text = (t: string) => {
		for (const e of stack) e.text += t;
	};
	parser.ontext = text;
	parser.oncdata = text;
	parser.write(xml).close();
	if (error) throw error;
	return out;
}

export const RUN = { pipelineId: 'atlas', id: '1234', job: 'test (ubuntu-latest, 20)', provider: 'github-actions' as const };

export function makeStep(input: Partial<RunStepInput> = {}): RunStep {
	return RunStep.parse({ index: 3, name: 'Run npm test', status: 'success', durationMs: 64_000, ...input });
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
	const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
	return { width: view.getUint32(16), height: view.getUint32(20) };
}

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * An image SVG drawn whole by resvg, with the fonts the painter's glyphs come from: what a PNG
 * painted from the image's shapes and texts must look like.
 */
export function imagePng(svg: string, background: string, scale: number): Uint8Array {
	const image = new Resvg(svg, { font: imageFonts(), fitTo: { mode: 'zoom', value: scale }, background, logLevel: 'off' }).render();
	return new Uint8Array(image.asPng());
}
