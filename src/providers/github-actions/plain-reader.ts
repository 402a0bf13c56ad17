/**
 * GitHub's workflow parser reads a file through an `ObjectReader`; its own (`YamlObjectReader`)
 * parses the text with the `yaml` library. This one gives the same events and tokens from the
 * nodes the quick YAML path read (../yaml-plain.ts), so a plain workflow is parsed once, and
 * quickly. Ranges, values and each string's source text are the ones `YamlObjectReader` gives;
 * test/providers/github-actions/plain-reader.test.ts holds the two readers' findings equal.
 */
import type { ObjectReader } from '@actions/workflow-parser/templates/object-reader';
import { EventType, ParseEvent } from '@actions/workflow-parser/templates/parse-event';
import { BooleanToken, LiteralToken, MappingToken, NullToken, NumberToken, SequenceToken, StringToken } from '@actions/workflow-parser/templates/tokens/index';
import type { TokenRange } from '@actions/workflow-parser/templates/tokens/token-range';
import type { PlainNode, PlainScalar, PlainYaml } from '../yaml-plain';

export class PlainObjectReader implements ObjectReader {
	private readonly events: ParseEvent[] = [];
	private at = 0;

	constructor(
		private readonly fileId: number,
		private readonly plain: PlainYaml,
	) {
		this.events.push(new ParseEvent(EventType.DocumentStart));
		const root = plain.nodes[0];
		if (root) this.add(root);
		this.events.push(new ParseEvent(EventType.DocumentEnd));
	}

	private range(start: number, end: number): TokenRange {
		return { start: this.plain.position(start), end: this.plain.position(end) };
	}

	private add(node: PlainNode): void {
		const range = this.range(node.start, node.end);
		if (node.kind === 'scalar') {
			this.events.push(new ParseEvent(EventType.Literal, this.literal(node, range)));
			return;
		}
		if (node.kind === 'seq') {
			this.events.push(new ParseEvent(EventType.SequenceStart, new SequenceToken(this.fileId, range, undefined)));
			for (const item of node.items) this.add(item);
			this.events.push(new ParseEvent(EventType.SequenceEnd));
			return;
		}
		this.events.push(new ParseEvent(EventType.MappingStart, new MappingToken(this.fileId, range, undefined)));
		for (let i = 0; i + 1 < node.items.length; i += 2) {
			const key = node.items[i]!;
			// As GitHub's reader: the key's parsed value (`1:` is a number), in a string token.
			const value = key.kind === 'scalar' ? key.value : null;
			this.events.push(new ParseEvent(EventType.Literal, new StringToken(this.fileId, this.range(key.start, key.end), value as string, undefined)));
			this.add(node.items[i + 1]!);
		}
		this.events.push(new ParseEvent(EventType.MappingEnd));
	}

	private literal(node: PlainScalar, range: TokenRange): LiteralToken {
		const value = node.value;
		if (value === null) return new NullToken(this.fileId, range, undefined);
		if (typeof value === 'number') return new NumberToken(this.fileId, range, value, undefined);
		if (typeof value === 'boolean') return new BooleanToken(this.fileId, range, value, undefined);
		return new StringToken(this.fileId, range, value, undefined, node.source, node.header);
	}

	private take(type: EventType): ParseEvent | undefined {
		const event = this.events[this.at];
		if (event?.type !== type) return undefined;
		this.at++;
		return event;
	}

	allowLiteral(): LiteralToken | undefined {
		return this.take(EventType.Literal)?.token as LiteralToken | undefined;
	}

	allowSequenceStart(): SequenceToken | undefined {
		return this.take(EventType.SequenceStart)?.token as SequenceToken | undefined;
	}

	allowSequenceEnd(): boolean {
		return this.take(EventType.SequenceEnd) !== undefined;
	}

	allowMappingStart(): MappingToken | undefined {
		return this.take(EventType.MappingStart)?.token as MappingToken | undefined;
	}

	allowMappingEnd(): boolean {
		return this.take(EventType.MappingEnd) !== undefined;
	}

	validateStart(): void {
		if (!this.take(EventType.DocumentStart)) throw new Error('Expected start of reader');
	}

	validateEnd(): void {
		if (!this.take(EventType.DocumentEnd)) throw new Error('Expected end of reader');
	}
}
