/**
 * A page's first paint held until what a reader sees first is parsed. Chrome painted the header
 * as soon as it could, then laid the rest of the page out again as one long task while the
 * reader could already scroll: the long task Lighthouse counts as blocking time, on the pages
 * that carry most (a pipeline's diagrams, a run's timeline). Browsers without `expect` links
 * paint as before.
 *
 * The page puts `<span id={FIRST_PAINT_MARK} hidden>` where its first paint may happen, and
 * `FIRST_PAINT_HEAD` in its head.
 */
export const FIRST_PAINT_MARK = 'atlas-first-paint';

export const FIRST_PAINT_HEAD = { tag: 'link', attrs: { rel: 'expect', href: `#${FIRST_PAINT_MARK}`, blocking: 'render' } } as const;
