import { describe, expect, it } from 'vitest';
import { BodyPatchError, bodiesChanged, bodyHtml, bodyPatcher, isPatchable, parseBodyStore, registerBodies, settledBodies, type BodyStore } from '../../src/site/explanation-bodies';

/** A store as a build that got as far as its copies leaves it. */
const settled = (store: BodyStore | undefined, current: ReadonlyMap<string, string>) => settledBodies(registerBodies(store, current, newGeneration));
/** A store as a build that changed texts registers it, on top of the last build's. */
const edited = (last: [string, string][], now: [string, string][]) => registerBodies(settled(undefined, new Map(last)), new Map(now), newGeneration);

const page = (...blocks: string[]) => Buffer.from(`<main><h1>Job</h1>${blocks.join('<p>between</p>')}<footer>end</footer></main>`);
const patched = (store: BodyStore, bytes: Buffer) => bodyPatcher(store)(bytes)?.toString('utf8');
let generations = 0;
const newGeneration = () => `g${++generations}`;

describe('explanation texts kept for the pages copied from the last build', () => {
	it('registers this build\'s texts last, keeps the older ones a copy may hold, and forgets explanations gone', () => {
		const first = settled(undefined, new Map([['checkout', '<p>one</p>'], ['gone', '<p>x</p>']]));
		expect(first.bodies).toEqual({ checkout: ['<p>one</p>'], gone: ['<p>x</p>'] });
		expect(first.pending).toBeUndefined();
		const second = registerBodies(first, new Map([['checkout', '<p>two</p>']]), newGeneration);
		expect(second).toEqual({ generation: first.generation, bodies: { checkout: ['<p>one</p>', '<p>two</p>'] }, pending: true });
		expect(bodiesChanged(second)).toBe(true);
		// An edit undone: the text is current again, not also an older one.
		expect(registerBodies(settledBodies(second), new Map([['checkout', '<p>one</p>']]), newGeneration).bodies.checkout).toEqual(['<p>two</p>', '<p>one</p>']);
		expect(settledBodies(second)).toEqual({ generation: first.generation, bodies: { checkout: ['<p>two</p>'] } });
		expect(bodiesChanged(settledBodies(second))).toBe(false);
	});

	it('does not trust a store a stopped build left pending: a new generation, every page showing a text rendered again', () => {
		const first = settled(undefined, new Map([['checkout', '<p>one</p>']]));
		const stopped = registerBodies(first, new Map([['checkout', '<p>two</p>']]), newGeneration);
		const next = registerBodies(stopped, new Map([['checkout', '<p>two</p>']]), newGeneration);
		expect(next.generation).not.toBe(first.generation);
		expect(next.bodies).toEqual({ checkout: ['<p>two</p>'] });
	});

	it('starts a new generation when no store is kept, or one that cannot be read', () => {
		const store = settled(undefined, new Map([['a', '<p>a</p>']]));
		expect(parseBodyStore(JSON.stringify(store))).toEqual(store);
		for (const bytes of [undefined, '', '{"generation":"g1","bodies":{"a":["<p>a'.slice(0, 30), '{"generation":"","bodies":{}}', '{"generation":"g","bodies":{"a":[]}}', '[]']) {
			expect(parseBodyStore(bytes)).toBeUndefined();
			expect(registerBodies(parseBodyStore(bytes), new Map(), newGeneration).generation).not.toBe(store.generation);
		}
	});

	it('gives a copied page the current text of each edited explanation, leaving the rest of its bytes alone', () => {
		const store = edited([['checkout', '<p>old</p>'], ['deploy', '<p>same</p>']], [['checkout', '<p>new <code>git</code></p>'], ['deploy', '<p>same</p>']]);
		const copy = page(bodyHtml('checkout', '<p>old</p>'), bodyHtml('deploy', '<p>same</p>'), bodyHtml('checkout', '<p>old</p>'));
		expect(patched(store, copy)).toBe(page(bodyHtml('checkout', '<p>new <code>git</code></p>'), bodyHtml('deploy', '<p>same</p>'), bodyHtml('checkout', '<p>new <code>git</code></p>')).toString('utf8'));
		// A page rendered now holds the current text already; one with no explanation is left as it is.
		expect(bodyPatcher(store)(page(bodyHtml('checkout', '<p>new <code>git</code></p>')))).toBeUndefined();
		expect(bodyPatcher(store)(page('<p>no explanation</p>'))).toBeUndefined();
	});

	it('tells an older text from one it begins, and text outside the marks from the marks', () => {
		// Texts no Markdown writes (an element left open), so that the shorter with its `</div>` begins
		// the longer; and two older texts, which registerBodies never keeps, for the patcher alone.
		const store: BodyStore = { generation: 'g', bodies: { a: ['<p>x', '<p>x</div><p>y', '<p>z</p>'] } };
		expect(patched(store, page(bodyHtml('a', '<p>x</div><p>y')))).toBe(page(bodyHtml('a', '<p>z</p>')).toString('utf8'));
		expect(patched(store, page(bodyHtml('a', '<p>x')))).toBe(page(bodyHtml('a', '<p>z</p>')).toString('utf8'));
		// The same text outside a mark (the search index's records, a step's command) is not touched.
		const twice = edited([['b', '<p>x</p>']], [['b', '<p>z</p>']]);
		expect(patched(twice, Buffer.from(`<p>x</p>${bodyHtml('b', '<p>x</p>')}<p>x</p>`))).toBe(`<p>x</p>${bodyHtml('b', '<p>z</p>')}<p>x</p>`);
	});

	it('marks an id as attribute text, and finds it so', () => {
		const id = 'team "a" & <b>/deploy';
		expect(bodyHtml(id, '<p>t</p>')).toBe('<div class="atlas-explanation__body" data-explanation="team &quot;a&quot; &amp; &lt;b&gt;/deploy"><p>t</p></div>');
		expect(patched(edited([[id, '<p>t</p>']], [[id, '<p>u</p>']]), page(bodyHtml(id, '<p>t</p>')))).toBe(page(bodyHtml(id, '<p>u</p>')).toString('utf8'));
		// `a` is not `ab`.
		expect(patched(edited([['a', '<p>1</p>'], ['ab', '<p>2</p>']], [['a', '<p>3</p>'], ['ab', '<p>2</p>']]), page(bodyHtml('ab', '<p>2</p>'), bodyHtml('a', '<p>1</p>')))).toBe(page(bodyHtml('ab', '<p>2</p>'), bodyHtml('a', '<p>3</p>')).toString('utf8'));
	});

	it('refuses a copy that is not what its key says: a text no build wrote, even of an explanation not edited, or an explanation not shown', () => {
		const store = edited([['a', '<p>one</p>'], ['b', '<p>b</p>']], [['a', '<p>two</p>'], ['b', '<p>b</p>']]);
		expect(() => bodyPatcher(store)(page(bodyHtml('a', '<p>never</p>')))).toThrow(BodyPatchError);
		expect(() => bodyPatcher(store)(page(bodyHtml('a', '<p>one</p>').replace('</div>', '')))).toThrow(/holds a text no build wrote/);
		expect(() => bodyPatcher(store)(page(bodyHtml('a', '<p>one</p>'), bodyHtml('b', '<p>old b</p>')))).toThrow(/"b" holds a text no build wrote/);
		expect(() => bodyPatcher(store)(page(bodyHtml('c', '<p>c</p>')))).toThrow(/shows an explanation \("c"\) this build does not/);
	});

	it('patches only texts the content layer rendered whole, with nothing the page secures or could take for a mark', () => {
		expect(isPatchable('<p>Plain <strong>Markdown</strong>, <a href="/docs/">a link</a>.</p>')).toBe(true);
		expect(isPatchable(undefined)).toBe(false);
		expect(isPatchable('<p>a</p><script>alert(1)</script>')).toBe(false);
		expect(isPatchable('<STYLE>p{}</STYLE>')).toBe(false);
		expect(isPatchable('<div data-explanation="a">')).toBe(false);
	});
});
