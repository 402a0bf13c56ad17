/**
 * A `run` step's script explained: each logical line cut into commands, each command looked up
 * in the command tables, then a summary of the main ones and a line-by-line list. A script in
 * which nothing is recognised gets no explanation, so coverage stays honest.
 */
import { downloadedScriptRisk, normaliseProgram, recogniseCommand, type CommandContext, type Recognised } from './commands';
import { explanation, type Explanation } from './explanation';
import { scriptLines, splitLine, type ScriptLine, type SimpleCommand } from './shell';
import { guarded } from './conditions';
import { code, joinAnd, plural, sentence } from './text';

/** One command of a line and what it was recognised as (undefined: not recognised). */
interface Item {
	raw: string;
	program: string;
	found: Recognised | undefined;
}

interface AnalysedLine {
	line: ScriptLine;
	items: Item[];
}

const DOWNLOADERS = new Set(['curl', 'wget', 'iwr', 'irm', 'Invoke-WebRequest', 'Invoke-RestMethod', 'http', 'fetch']);
const INTERPRETERS = new Set(['sh', 'bash', 'zsh', 'dash', 'ash', 'ksh', 'python', 'node', 'iex', 'Invoke-Expression', 'perl', 'ruby', 'php']);
const FUNCTION_DEFINITION = /^(?:function\s+([A-Za-z_][\w:-]*)\s*(?:\(\))?|([A-Za-z_][\w:-]*)\s*\(\))\s*\{?\s*$/;
const MAX_DETAILS = 25;

/** Scripts analysed so far in this process, by provider and text; forgotten past MAX_REMEMBERED. */
const analysed = new Map<string, readonly AnalysedLine[]>();
const MAX_REMEMBERED = 20_000;

/**
 * Every logical line of a script with its commands recognised (or not). Remembered: a site
 * repeats the same scripts across jobs and pipelines (13,000 run steps, 4,400 distinct scripts
 * at size M), and cutting a script into commands was most of explaining a job page's steps.
 */
export function analyseScript(script: string, context: CommandContext): readonly AnalysedLine[] {
	const key = `${context.provider}\0${script}`;
	let lines = analysed.get(key);
	if (!lines) {
		if (analysed.size >= MAX_REMEMBERED) analysed.clear();
		lines = scriptLines(script).map((line) => ({ line, items: lineItems(line, context) }));
		analysed.set(key, lines);
	}
	return lines;
}

function lineItems(line: ScriptLine, context: CommandContext): Item[] {
	const definition = FUNCTION_DEFINITION.exec(line.text);
	if (definition) {
		const name = definition[1] ?? definition[2]!;
		return [{ raw: line.text, program: name, found: { phrase: `starts the definition of the shell function ${code(name)}, used further down`, topic: 'command:function', level: 'structural', risks: [] } }];
	}
	// `if [ … ]; then cmd; fi`: what the command does, said with when it does it.
	const guard = guarded(line.text);
	if (guard) {
		const inner = lineItems({ ...line, text: guard.body }, context);
		const first = inner.findIndex((item) => item.found);
		if (first >= 0) {
			const found = inner[first]!.found!;
			inner[first] = { ...inner[first]!, found: { ...found, phrase: `when ${guard.when}, ${found.phrase}` } };
			return inner;
		}
	}
	const items: Item[] = [];
	for (const pipeline of splitLine(line.text)) {
		const downloaded = downloadAndRun(pipeline);
		if (downloaded) {
			items.push(downloaded);
			continue;
		}
		const found = pipeline.map((command) => recogniseCommand(command, context));
		// `curl -sSL … | tar -xz`: one thing done, said once.
		const feeder = found[0];
		const consumer = found.slice(1).find((f): f is Recognised => f !== undefined && f !== 'ignore');
		if (feeder && feeder !== 'ignore' && feeder.level === 'main' && consumer && / and hands it to the next command$/.test(feeder.phrase)) {
			items.push({
				raw: pipeline.map((c) => c.raw).join(' | '),
				program: pipeline[0]!.words[0] ?? '',
				found: { ...feeder, phrase: `${feeder.phrase.replace(/ and hands it to the next command$/, '')}, then ${consumer.phrase}`, risks: [...feeder.risks, ...consumer.risks] },
			});
			continue;
		}
		for (const [index, command] of pipeline.entries()) {
			const result = found[index];
			if (result === 'ignore') continue;
			// `echo $PW | docker login …`: the command fed is what the line does; the feeder is not repeated.
			if (result && result.level === 'minor' && /next command$/.test(result.phrase) && found.slice(index + 1).some((f) => f && f !== 'ignore')) continue;
			items.push({ raw: command.raw, program: command.words[0] ?? command.assignments[0] ?? command.raw, found: result });
		}
	}
	if (/\b(iex|Invoke-Expression)\b.*\b(DownloadString|irm|iwr|Invoke-RestMethod|Invoke-WebRequest)\b/i.test(line.text)) {
		const url = /(https?:\/\/[^\s'")]+)/.exec(line.text)?.[1];
		return [{ raw: line.text, program: 'iex', found: { phrase: `downloads ${url ? code(url) : 'a script'} and runs it with PowerShell`, topic: 'command:curl | sh', level: 'main', risks: [downloadedScriptRisk(url)] } }];
	}
	return items;
}

/** `curl … | sh`, `wget -qO- … | sudo bash -`: a download piped into an interpreter. */
function downloadAndRun(pipeline: readonly SimpleCommand[]): Item | undefined {
	if (pipeline.length < 2) return undefined;
	const programs = pipeline.map((command) => {
		let words = command.words;
		// `sudo -E bash -`, `env X=1 sh`: the interpreter is behind the wrapper.
		while (words[0] === 'sudo' || words[0] === 'env') words = words.slice(1).filter((_w, i, all) => !all.slice(0, i + 1).every((x) => x.startsWith('-') || x.includes('=')));
		return normaliseProgram(words[0] ?? '');
	});
	const from = programs.findIndex((p) => DOWNLOADERS.has(p));
	const to = programs.findIndex((p, i) => i > from && INTERPRETERS.has(p));
	if (from === -1 || to === -1) return undefined;
	const url = pipeline[from]!.words.find((w) => /^https?:\/\//.test(w) || /URL/.test(w));
	const root = pipeline[to]!.words[0] === 'sudo' ? ' as root' : '';
	const interpreter = programs[to]!;
	return {
		raw: pipeline.map((c) => c.raw).join(' | '),
		program: `${programs[from]} | ${interpreter}`,
		found: {
			phrase: `downloads ${url ? code(url) : 'a script'} and runs it with \`${interpreter}\`${root}`,
			topic: 'command:curl | sh',
			level: 'main',
			risks: [downloadedScriptRisk(url)],
		},
	};
}

/** Risks visible in the script text as a whole rather than in one command. */
function textRisks(script: string, context: CommandContext): string[] {
	const risks: string[] = [];
	if (context.provider === 'github-actions') {
		const injected = /\$\{\{\s*(github\.head_ref|github\.event\.[\w.]*?(title|body|message|name|email|label|ref|default_branch|content|description)|github\.event\.inputs\.[\w-]+|inputs\.[\w-]+)\s*\}\}/.exec(script);
		if (injected && /github\.(head_ref|event\.(?!inputs))/.test(injected[1]!)) {
			risks.push(`\`\${{ ${injected[1]} }}\` is pasted into the script before the shell runs it: a branch name, title or message crafted by an outsider can inject commands. Pass it through \`env:\` and use \`"$VAR"\` instead.`);
		}
	}
	if (/NODE_TLS_REJECT_UNAUTHORIZED=["']?0|GIT_SSL_NO_VERIFY=["']?(1|true)|PYTHONHTTPSVERIFY=["']?0/.test(script)) risks.push('Turns off TLS certificate checks: downloads could be tampered with in transit.');
	return risks;
}

/**
 * The explanation of a script, or undefined when nothing in it is recognised beyond syntax
 * (`[`, `set -e`, `exit`): a generic sentence there would claim knowledge Pipeline Atlas lacks.
 */
export function explainScript(script: string, context: CommandContext, preface: readonly string[] = []): Explanation | undefined {
	const lines = analyseScript(script, context);
	const items = lines.flatMap((l) => l.items);
	const known = items.filter((i): i is Item & { found: Recognised } => i.found !== undefined);
	const meaningful = known.filter((i) => i.found.level !== 'structural');
	if (meaningful.length === 0) return undefined;
	const unknown = items.filter((i) => i.found === undefined);
	const main = meaningful.filter((i) => i.found.level === 'main');
	const lead = main.length ? main : meaningful;
	const risks = [...new Set([...known.flatMap((i) => i.found.risks), ...textRisks(script, context)])];
	const first = lead[0]!.found;

	let summary: string;
	const details = [...preface];
	if (items.length === 1 || (unknown.length === 0 && meaningful.length <= 3 && lines.length === 1)) {
		summary = sentence(meaningful.map((i) => i.found.phrase).join(', then '));
	} else {
		const phrases = lead.slice(0, 2).map((i) => gist(i.found.phrase));
		const rest = lead.length > 2 ? ` (and ${lead.length - 2} more, listed below)` : '';
		const script = lines.length === 1 ? `a one-line script of ${plural(items.length, 'command')}` : `${/^(8|11|18)/.test(String(lines.length)) ? 'an' : 'a'} ${lines.length}-line script`;
		summary = sentence(`runs ${script} that ${joinAnd(phrases, 'and then')}${rest}`);
		details.push(...lineDetails(lines));
		if (unknown.length > 0) {
			const programs = [...new Set(unknown.map((i) => i.program))];
			// The programs once each, then how many commands they run: `sudo` twice is "sudo (2 commands)".
			details.push(`Not recognised: ${programs.slice(0, 4).map((p) => code(p, 40)).join(', ')}${programs.length > 4 ? ` and ${programs.length - 4} more` : ''} (${plural(unknown.length, 'command')}); read the script for what ${unknown.length === 1 ? 'it does' : 'they do'}.`);
		}
	}
	const out = explanation({ summary, details, risks, topic: first.topic });
	if (first.reference) out.reference = first.reference;
	return out;
}

/** A phrase up to its first comma or bracket outside code: the core of it, for summaries. */
function gist(phrase: string): string {
	let inCode = false;
	for (let i = 0; i < phrase.length; i++) {
		const c = phrase[i]!;
		if (c === '`') inCode = !inCode;
		// A clause after a comma starts with a lowercase word; list items (`a`, `b`; Kotlin) do not.
		else if (!inCode && (c === '(' || (c === ',' && phrase[i + 1] === ' ' && /[a-z]/.test(phrase[i + 2] ?? '')) || c === ';' || c === ':')) return phrase.slice(0, i).trimEnd();
	}
	return phrase;
}

/** `npm ci`: installs …; one entry per line that has a recognised command. */
function lineDetails(lines: readonly AnalysedLine[]): string[] {
	const out: string[] = [];
	let skipped = 0;
	for (const { line, items } of lines) {
		const phrases = items
			.filter((item) => item.found)
			.map((item) => item.found!.phrase)
			.filter((p) => p !== 'does nothing and succeeds');
		if (phrases.length === 0) continue;
		if (out.length >= MAX_DETAILS) {
			skipped++;
			continue;
		}
		out.push(`${code(line.text, 70)}: ${phrases.join('; then ')}.`);
	}
	if (skipped > 0) out.push(`… and ${plural(skipped, 'more line')}.`);
	return out;
}
