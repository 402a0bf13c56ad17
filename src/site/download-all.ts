/**
 * "Download all" on a run page, in the reader's browser: the run's images, fetched from the
 * files the page links one by one, zipped (`runZip`, the same deterministic archive for the
 * same files) and handed over as one download.
 *
 * Why not a zip per run in the site: it was a second copy of every PNG, 359 MiB of a 1.03 GiB
 * site at 200 runs (`npm run bench -- --size M`), where GitHub Pages publishes at most 1 GB.
 * The zip code (fflate) loads on the first click only, so a run page ships no more script at
 * start. Without JavaScript the control stays hidden; each image keeps its own link.
 */


/** Marks the control's wrapper on the run page; its button and status live inside it. */
const DOWNLOAD_ALL = 'data-atlas-download-all';

/** Shows every "Download all" control under `root` and makes it work. */
export function enableDownloadAll(root: ParentNode): void {
	for (const wrapper of root.querySelectorAll<HTMLElement>(`[${DOWNLOAD_ALL}]`)) {
		const button = wrapper.querySelector('button');
		const status = wrapper.querySelector<HTMLElement>('[role="status"]');
		if (!button || !status) continue;
		// The images' folder, and their names there (which are their names in the zip).
		const folder = wrapper.getAttribute('data-folder') ?? '';
		const files = (JSON.parse(wrapper.getAttribute('data-files') ?? '[]') as string[]).map((name) => ({ name, href: folder + encodeURIComponent(name) }));
		const name = wrapper.getAttribute('data-name') ?? 'images.zip';
		button.addEventListener('click', () => void zipAndSave(button, status, files, name));
		wrapper.hidden = false;
	}
}

async function zipAndSave(button: HTMLButtonElement, status: HTMLElement, files: readonly { name: string; href: string }[], name: string): Promise<void> {
	if (button.getAttribute('aria-disabled') === 'true') return;
	button.setAttribute('aria-disabled', 'true');
	status.textContent = `Zipping ${files.length} images…`;
	try {
		const [{ runZip }, fetched] = await Promise.all([import('../images/zip'), Promise.all(files.map(fetchFile))]);
		const url = URL.createObjectURL(new Blob([runZip(fetched) as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
		const link = document.createElement('a');
		link.href = url;
		link.download = name;
		link.hidden = true;
		document.body.append(link);
		link.click();
		link.remove();
		// The browser reads the blob after this task; a minute is plenty for a local object.
		setTimeout(() => URL.revokeObjectURL(url), 60_000);
		status.textContent = '';
	} catch (error) {
		status.textContent = `The zip could not be made (${error instanceof Error ? error.message : String(error)}): each image can still be downloaded on its own.`;
	} finally {
		button.removeAttribute('aria-disabled');
	}
}

async function fetchFile({ name, href }: { name: string; href: string }): Promise<{ name: string; bytes: Uint8Array }> {
	const response = await fetch(href);
	if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
	return { name, bytes: new Uint8Array(await response.arrayBuffer()) };
}
