import type { Locator, Page } from 'playwright-core';

/**
 * Opens the site's header search on `url` and searches for `query`: the dialog's result links,
 * once the first is shown. Starlight's header search builds Pagefind's UI once, from an idle
 * callback after the page loads, through a dynamic import: when that never happens the dialog
 * opens empty. Once, in CI, it did not happen within 30 s and could not be reproduced, so a
 * search that does not come up fails with what the page reported meanwhile (errors, failed or
 * refused requests) instead of a bare timeout.
 */
export async function headerSearch(page: Page, url: string, query: string): Promise<Locator> {
	const reported: string[] = [];
	const onConsole = (message: { type(): string; text(): string }) => {
		if (message.type() === 'error' || message.type() === 'warning') reported.push(`console ${message.type()}: ${message.text()}`);
	};
	const onPageError = (error: Error) => reported.push(`page error: ${error.message}`);
	const onFailed = (request: { url(): string; failure(): { errorText: string } | null }) => reported.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
	const onResponse = (response: { url(): string; status(): number }) => {
		if (response.status() >= 400) reported.push(`HTTP ${response.status()}: ${response.url()}`);
	};
	page.on('console', onConsole);
	page.on('pageerror', onPageError);
	page.on('requestfailed', onFailed);
	page.on('response', onResponse);
	try {
		await page.goto(url);
		try {
			await page.locator('site-search dialog input.pagefind-ui__search-input').waitFor({ state: 'attached', timeout: 20_000 });
		} catch (error) {
			const state = await page.evaluate(() => ({
				readyState: document.readyState,
				visibility: document.visibilityState,
				uiChildren: document.querySelector('#starlight__search')?.childElementCount ?? -1,
			}));
			throw new Error(`Pagefind's UI never appeared in the header search of ${url}: ${JSON.stringify(state)}; the page reported: ${reported.join(' | ') || 'nothing'}`, { cause: error });
		}
		await page.locator('site-search button[data-open-modal]').first().click();
		await page.locator('dialog[open] input.pagefind-ui__search-input').fill(query);
		const links = page.locator('dialog[open] .pagefind-ui__result-link');
		await links.first().waitFor({ timeout: 15_000 });
		return links;
	} finally {
		page.off('console', onConsole);
		page.off('pageerror', onPageError);
		page.off('requestfailed', onFailed);
		page.off('response', onResponse);
	}
}
