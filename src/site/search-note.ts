/**
 * What a search box says while Pagefind's UI loads, or when it could not load (a dropped
 * connection): "Loading search…", or the failure with a reload to try again. Used in the browser
 * by the header search and the search page.
 */
export type SearchState = 'nothing' | 'loading' | 'failed';

/** A live region, present from the start: screen readers announce a change in a region, not a region that appears with its text. */
export function searchNote(): HTMLParagraphElement {
	const note = document.createElement('p');
	note.className = 'atlas-search-note';
	note.setAttribute('role', 'status');
	return note;
}

/**
 * Shows `state` in `note` a frame later (so the change is announced), unless `current` says it
 * changed again meanwhile. `focusReload` says whether the reload button may take the focus.
 */
export function showSearchState(note: HTMLElement, state: SearchState, current: () => SearchState, focusReload: () => boolean): void {
	requestAnimationFrame(() => {
		if (current() !== state) return;
		if (state === 'nothing') note.replaceChildren();
		else if (state === 'loading') note.textContent = 'Loading search…';
		else {
			const reload = document.createElement('button');
			reload.type = 'button';
			reload.textContent = 'Reload the page';
			reload.addEventListener('click', () => location.reload());
			note.replaceChildren('Search could not be loaded (the connection may have dropped). ', reload);
			if (focusReload()) reload.focus();
		}
	});
}
