import { describe, expect, it } from 'vitest';
import { BodyPatchError, bodiesChanged, bodyHtml, bodyPatcher, isPatchable, parseBodyStore, registerBodies, settledBodies, type BodyStore } from '../../src/site/explanation-bodies';

const page = (...blocks: string[]) => Buffer.from(`<main><h1>Job</h1>${blocks.join('<p>between</p>')}<footer>end</footer></main>`);
const patched = (store: BodyStore, bytes: Buffer) => bodyPatcher(store)(bytes)?.toString('utf8');
let generations = 0;
const newGeneration = () => `g${++generations}`;

describe('explanation texts kept for the pages copied from the last build', () => {
	it('registers this build\'s texts last, keeps the older ones a copy may hold, and forgets explanations gone', () => {
		const first = registerBodies(undefined, new Map([['checkout', '<p>one</p>'], ['gone', '<p>x</p>']]), newGeneration);
		expect(first.bodies).toEqual({ checkout: ['<p>one</p>'], gone: ['<p>x</p>'] });
		expect(bodiesChanged(first)).toBe(false);
		// A build stopped before its copies were patched, then another: both older texts stay known.
		const second = registerBodies(first, new Map([['checkout', '<p>two</p>']]), newGeneration);
		const third = registerBodies(second, new Map([['checkout', '<p>three</p>']]), newGeneration);
		expect(third).toEqual({ generation: first.generation, bodies: { checkout: ['<p>one</p>', '<p>two</p>', '<p>three</p>'] } });
		expect(bodiesChanged(third)).toBe(true);
		// An edit undone: the text is current again, not also an older one.
		expect(registerBodies(third, new Map([['checkout', '<p>one</p>']]), newGeneration).bodies.checkout).toEqual(['<p>two</p>', '<p>three</p>', '<p>one</p>']);
		expect(settledBodies(third)).toEqual({ generation: first.generation, bodies: { checkout: ['<p>three</p>'] } });
	});

	it('starts a new generation when no store is kept, or one that cannot be read', () => {
		const store = registerBodies(undefined, new Map([['a', '<p>a</p>']]), newGeneration);
		expect(parseBodyStore(JSON.stringify(store))).toEqual(store);
		for (const bytes of [undefined, '', '{"generation":"g1","bodies":{"a":["<p>a'.slice(0, 30), '{"generation":"","bodies":{}}', '{"generation":"g","bodies":{"a":[]}}', '[]']) {
			expect(parseBodyStore(bytes)).toBeUndefined();
			expect(registerBodies(parseBodyStore(bytes), new Map(), newGeneration).generation).not.toBe(store.generation);
		}
	});

	it('gives a copied page the current text of each edited explanation, leaving the rest of its bytes alone', () => {
		const store = registerBodies(registerBodies(undefined, new Map([['checkout', '<p>old</p>'], ['deploy', '<p>same</p>']]), newGeneration), new Map([['checkout', '<p>new <code>git</code></p>'], ['deploy', '<p>same</p>']]), newGeneration);
		const copy = page(bodyHtml('checkout', '<p>old</p>'), bodyHtml('deploy', '<p>same</p>'), bodyHtml('checkout', '<p>old</p>'));
		expect(patched(store, copy)).toBe(page(bodyHtml('checkout', '<p>new <code>git</code></p>'), bodyHtml('deploy', '<p>same</p>'), bodyHtml('checkout', '<p>new <code>git</code></p>')).toString('utf8'));
		// A page rendered now holds the current text already; one with no explanation is left as it is.
		expect(bodyPatcher(store)(page(bodyHtml('checkout', '<p>new <code>git</code></p>')))).toBeUndefined();
		expect(bodyPatcher(store)(page('<p>no explanation</p>'))).toBeUndefined();
	});

	it('tells an older text from one it begins, and text outside the marks from the marks', () => {
		const store = registerBodies(registerBodies(registerBodies(undefined, new Map([['a', '<p>x</p>']]), newGeneration), new Map([['a', '<p>x</p><p>y</p>']]), newGeneration), new Map([['a', '<p>z</p>']]), newGeneration);
		expect(patched(store, page(bodyHtml('a', '<p>x</p><p>y</p>')))).toBe(page(bodyHtml('a', '<p>z</p>')).toString('utf8'));
		expect(patched(store, page(bodyHtml('a', '<p>x</p>')))).toBe(page(bodyHtml('a', '<p>z</p>')).toString('utf8'));
		// The same text outside a mark (the search index's records, a step's command) is not touched.
		expect(patched(store, Buffer.from(`<p>x</p>${bodyHtml('a', '<p>x</p>')}<p>x</p>`))).toBe(`<p>x</p>${bodyHtml('a', '<p>z</p>')}<p>x</p>`);
	});

	it('marks an id as attribute text, and finds it so', () => {
		const id = 'team "a" & <b>/deploy';
		expect(bodyHtml(id, '<p>t</p>')).toBe('<div class="atlas-explanation__body" data-explanation="team &quot;a&quot; &amp; &lt;b&gt;/deploy"><p>t</p></div>');
		const store = registerBodies(registerBodies(undefined, new Map([[id, '<p>t</p>']]), newGeneration), new Map([[id, '<p>u</p>']]), newGeneration);
		expect(patched(store, page(bodyHtml(id, '<p>t</p>')))).toBe(page(bodyHtml(id, '<p>u</p>')).toString('utf8'));
	});

	it('refuses a copy holding a text no build wrote: its key did not say what it holds', () => {
		const store = registerBodies(registerBodies(undefined, new Map([['a', '<p>one</p>']]), newGeneration), new Map([['a', '<p>two</p>']]), newGeneration);
		expect(() => bodyPatcher(store)(page(bodyHtml('a', '<p>never</p>')))).toThrow(BodyPatchError);
		expect(() => bodyPatcher(store)(page(bodyHtml('a', '<p>one</p>').replace('</div>', '')))).toThrow(/holds a text no build wrote/);
	});

	it('patches only texts the content layer rendered whole, with nothing the page secures or could take for a mark', () => {
		expect(isPatchable('<p>Plain <strong>Markdown</strong>, <a href="/docs/">a link</a>.</p>')).toBe(true);
		expect(isPatchable(undefined)).toBe(false);
		expect(isPatchable('<p>a</p><script>alert(1)</script>')).toBe(false);
		expect(isPatchable('<STYLE>p{}</STYLE>')).toBe(false);
		expect(isPatchable('<div data-explanation="a">')).toBe(false);
	});
});
