/**
 * GitHub's own workflow parser (`@actions/workflow-parser`): it validates a workflow against
 * GitHub's schema and checks the job graph. Its findings become located diagnostics; the
 * model itself is read from the located YAML so every object keeps its position.
 */
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { convertOn } from '@actions/workflow-parser/model/converter/events';
import { convertJobs } from '@actions/workflow-parser/model/converter/jobs';
import { TemplateContext, TemplateValidationErrors } from '@actions/workflow-parser/templates/template-context';
import { readTemplate } from '@actions/workflow-parser/templates/template-reader';
import { WORKFLOW_ROOT } from '@actions/workflow-parser/workflows/workflow-constants';
import { getWorkflowSchema } from '@actions/workflow-parser/workflows/workflow-schema';
import { YamlObjectReader } from '@actions/workflow-parser/workflows/yaml-object-reader';
import { isAlias, visit, type Alias, type Document } from 'yaml';
import type { Diagnostic, Severity, SourceLocation } from '../../model';
import { withPlainEnv, type ComposedYaml } from '../yaml';
import type { PlainYaml } from '../yaml-plain';
import { PlainObjectReader } from './plain-reader';

export interface ParserFinding {
	severity: Severity;
	message: string;
	location: SourceLocation;
	/** The problem is in the job graph (unknown or cyclic `needs`). */
	graph: boolean;
}

const GRAPH = /depends on (unknown )?job|creates a cycle|at least one job with no dependencies/;

/**
 * Runs GitHub's parser over one workflow text (already BOM/CRLF-normalised so positions line
 * up), or over what `parseYaml` read of it already (`read`: the quick path's nodes, else the
 * `yaml` library's document), so the text is not parsed twice. Schema problems inside `on:` are warnings: GitHub's service is lenient with event
 * filters (`branches:` left empty, `tags` under `create`) and runs such workflows. Type
 * complaints of the converter about expressions (`env: ${{ matrix.env }}` on a step) are
 * limitations of the library, not of the workflow, and are dropped.
 */
export function runWorkflowParser(path: string, text: string, read: { composed?: ComposedYaml; plain?: PlainYaml } = {}): ParserFinding[] {
	const findings: ParserFinding[] = [];
	try {
		// It parses the text with the same `yaml` library as ours, so the same env reads apply.
		const parsed =
			(read.plain && parsePlain(path, read.plain)) ??
			(read.composed && parseComposed(path, read.composed)) ??
			withPlainEnv(() => parseWorkflow({ name: path, content: text }, new NoOperationTraceWriter()));
		const onRange = parsed.value ? rangeOfKey(parsed.value, 'on') : undefined;
		const schemaCount = parsed.context.errors.getErrors().length;
		if (parsed.value && schemaCount === 0) {
			for (const item of mappingItems(parsed.value)) {
				const key = String(item.key);
				try {
					if (key === 'jobs') convertJobs(parsed.context, item.value);
					if (key === 'on') convertOn(parsed.context, item.value);
				} catch (error) {
					const token = (error as { token?: { range?: Range } }).token;
					parsed.context.errors.add(asValidationError(error, token?.range ?? item.value.range));
				}
			}
		}
		for (const [index, error] of parsed.context.errors.getErrors().entries()) {
			const start = error.range?.start ?? { line: 1, column: 1 };
			const location = { file: path, line: Math.max(1, start.line), column: Math.max(1, start.column) };
			const message = error.rawMessage;
			const graph = GRAPH.test(message);
			if (index >= schemaCount && !graph && /Unexpected type '(Basic)?ExpressionToken'/.test(message)) continue;
			// At the range's very end: an empty value of `on:` is in, the next key (at a line's start) is not.
			const atEnd = onRange !== undefined && samePosition(start, onRange.end) && start.column > 1;
			const inOn = onRange !== undefined && !before(start, onRange.start) && (before(start, onRange.end) || atEnd);
			findings.push({ severity: inOn && !graph ? 'warning' : 'error', message, location, graph });
		}
	} catch (error) {
		findings.push({
			severity: 'warning',
			message: `GitHub's workflow parser failed on this file (${error instanceof Error ? error.message : String(error)}); it was read without its checks`,
			location: { file: path, line: 1, column: 1 },
			graph: false,
		});
	}
	return findings;
}

/** `parseWorkflow` over the nodes the quick YAML path read: the text is not parsed again. */
function parsePlain(path: string, plain: PlainYaml): ReturnType<typeof parseWorkflow> {
	const context = new TemplateContext(new TemplateValidationErrors(), getWorkflowSchema(), new NoOperationTraceWriter());
	const fileId = context.getFileId(path);
	return { context, value: readTemplate(context, WORKFLOW_ROOT, new PlainObjectReader(fileId, plain), fileId) };
}

/**
 * `parseWorkflow` over a document we composed already: what it does after parsing the text,
 * which was about half of its time. Undefined when its reader is not built as this version of the
 * library builds it, so the text is parsed the usual way.
 */
function parseComposed(path: string, composed: ComposedYaml): ReturnType<typeof parseWorkflow> | undefined {
	const context = new TemplateContext(new TemplateValidationErrors(), getWorkflowSchema(), new NoOperationTraceWriter());
	const fileId = context.getFileId(path);
	const reader = composedReader(fileId, composed);
	if (!reader) return undefined;
	return { context, value: readTemplate(context, WORKFLOW_ROOT, reader, fileId) };
}

/** The fields `YamlObjectReader` keeps private and reads its events from. */
interface ReaderFields {
	doc: unknown;
	lineCounter: unknown;
	_generator: unknown;
	getNodes(node: unknown, aliases: Set<unknown>): unknown;
}

/**
 * GitHub's YAML reader over our document. It has no constructor for a parsed document, so it
 * is built over an empty text (nothing to parse) and pointed at ours, as its constructor
 * would have done after parsing.
 */
function composedReader(fileId: number, composed: ComposedYaml): YamlObjectReader | undefined {
	const reader = new YamlObjectReader(fileId, '');
	const fields = reader as unknown as ReaderFields;
	if (!('doc' in fields && 'lineCounter' in fields && '_generator' in fields && typeof fields.getNodes === 'function')) return undefined;
	resolveAliasesOnce(composed.document);
	fields.doc = composed.document;
	fields.lineCounter = composed.lineCounter;
	fields._generator = fields.getNodes(composed.document, new Set());
	return reader;
}

/**
 * GitHub's reader resolves each alias by `alias.resolve(doc)`, which in the `yaml` library walks
 * the whole document to find the anchor: a workflow with a hundred aliases was walked a hundred
 * times (mozilla/bigquery-etl's build.yml, 47 KB with 130 aliases: 56 ms a parse, 45 without
 * the walks). Each alias of our document is given its answer, found in one walk: the last node
 * before it with that anchor, as the library's own lookup finds it. A call with a context (the
 * library's own conversion to JavaScript) or for another document still goes to the library.
 */
function resolveAliasesOnce(document: Document.Parsed): void {
	const last = new Map<string, NonNullable<ReturnType<Alias['resolve']>>>();
	visit(document, {
		Node(_, node) {
			if (isAlias(node)) {
				const found = last.get(node.source);
				const resolve = node.resolve;
				node.resolve = (doc, ctx) => (ctx || doc !== document ? resolve.call(node, doc, ctx) : found);
			} else if (node.anchor) last.set(node.anchor, node);
		},
	});
}

export function parserDiagnostic(finding: ParserFinding): Diagnostic {
	return {
		severity: finding.severity,
		code: finding.graph ? 'job-graph' : 'workflow-schema',
		message: `GitHub's workflow schema: ${finding.message}`,
		location: finding.location,
		hint: finding.severity === 'error' ? 'GitHub refuses to run a workflow with this problem.' : 'GitHub usually ignores this, but its published schema rejects it.',
	};
}

interface Range {
	start: { line: number; column: number };
	end: { line: number; column: number };
}

interface TokenLike {
	range?: Range | undefined;
}

interface ItemLike {
	key: TokenLike & { toString(): string };
	value: Parameters<typeof convertJobs>[1];
}

function mappingItems(token: Parameters<typeof convertJobs>[1]): ItemLike[] {
	const mapping = token as unknown as { count?: number; get?: (i: number) => ItemLike };
	if (typeof mapping.count !== 'number' || typeof mapping.get !== 'function') return [];
	const items: ItemLike[] = [];
	for (let i = 0; i < mapping.count; i++) items.push(mapping.get(i));
	return items;
}

type Position = Range['start'];

/**
 * From the key to the end of its value, both in. The `yaml` library ends a block's value after
 * the line break of its last line and any comment lines after it, the quick path after the
 * last value (an empty value ends where it starts): between the two there is nothing to report,
 * and what is at the start of the line where the `yaml` library ends it (the next key) is out.
 */
function rangeOfKey(root: Parameters<typeof convertJobs>[1], key: string): { start: Position; end: Position } | undefined {
	const item = mappingItems(root).find((i) => String(i.key) === key);
	if (!item?.key.range) return undefined;
	return { start: item.key.range.start, end: (item.value as TokenLike).range?.end ?? item.key.range.end };
}

function before(a: Position, b: Position): boolean {
	return a.line < b.line || (a.line === b.line && a.column < b.column);
}

function samePosition(a: Position, b: Position): boolean {
	return a.line === b.line && a.column === b.column;
}

function asValidationError(error: unknown, range: Range | undefined) {
	const message = error instanceof Error ? error.message : String(error);
	return { rawMessage: message, prefix: undefined, code: undefined, range, message, toString: () => message } as unknown as Parameters<
		ReturnType<typeof parseWorkflow>['context']['errors']['add']
	>[0];
}
