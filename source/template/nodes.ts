// Parse tree nodes (Go's text/template/parse/node.go) and their String()
// forms, which appear verbatim in execution errors ("at <.Foo>").
import {quote} from './strconv.js';

interface Base {
	/** Position (JS string index) in the template text. */
	pos: number;
}

export interface ListNode extends Base { type: 'list'; nodes: Node[] }
export interface TextNode extends Base { type: 'text'; text: string }
export interface ActionNode extends Base { type: 'action'; line: number; pipe: PipeNode }
export interface PipeNode extends Base { type: 'pipe'; line: number; isAssign: boolean; decl: VariableNode[]; cmds: CommandNode[] }
export interface CommandNode extends Base { type: 'command'; args: Node[] }
export interface IdentifierNode extends Base { type: 'identifier'; ident: string }
export interface VariableNode extends Base { type: 'variable'; ident: string[] }
export interface DotNode extends Base { type: 'dot' }
export interface NilNode extends Base { type: 'nil' }
export interface FieldNode extends Base { type: 'field'; ident: string[] }
export interface ChainNode extends Base { type: 'chain'; node: Node; field: string[] }
export interface BoolNode extends Base { type: 'bool'; value: boolean }
export interface NumberNode extends Base {
	type: 'number';
	text: string;
	isInt: boolean;
	isUint: boolean;
	isFloat: boolean;
	isComplex: boolean;
	int64: bigint;
	uint64: bigint;
	float64: number;
	/** Complex parts when isComplex. */
	re: number;
	im: number;
}
export interface StringNode extends Base { type: 'string'; quoted: string; text: string }
export interface EndNode extends Base { type: 'end' }
export interface ElseNode extends Base { type: 'else'; line: number }
export interface BranchNode extends Base {
	type: 'if' | 'range' | 'with';
	line: number;
	pipe: PipeNode;
	list: ListNode;
	elseList: ListNode | null;
}
export interface TemplateNode extends Base { type: 'template'; line: number; name: string; pipe: PipeNode | null }
export interface BreakNode extends Base { type: 'break'; line: number }
export interface ContinueNode extends Base { type: 'continue'; line: number }

export type Node =
	| ListNode | TextNode | ActionNode | PipeNode | CommandNode | IdentifierNode | VariableNode | DotNode | NilNode
	| FieldNode | ChainNode | BoolNode | NumberNode | StringNode | EndNode | ElseNode | BranchNode | TemplateNode
	| BreakNode | ContinueNode;

/** Go's Node.String(). */
export function nodeString(n: Node): string {
	switch (n.type) {
		case 'list': return n.nodes.map(nodeString).join('');
		case 'text': return n.text;
		case 'action': return `{{${nodeString(n.pipe)}}}`;
		case 'pipe': {
			let s = '';
			if (n.decl.length > 0) s = n.decl.map(nodeString).join(', ') + (n.isAssign ? ' = ' : ' := ');
			return s + n.cmds.map(nodeString).join(' | ');
		}
		case 'command': return n.args.map(a => (a.type === 'pipe' ? `(${nodeString(a)})` : nodeString(a))).join(' ');
		case 'identifier': return n.ident;
		case 'variable': return n.ident.join('.');
		case 'dot': return '.';
		case 'nil': return 'nil';
		case 'field': return n.ident.map(id => '.' + id).join('');
		case 'chain': {
			const base = n.node.type === 'pipe' ? `(${nodeString(n.node)})` : nodeString(n.node);
			return base + n.field.map(f => '.' + f).join('');
		}
		case 'bool': return n.value ? 'true' : 'false';
		case 'number': return n.text;
		case 'string': return n.quoted;
		case 'end': return '{{end}}';
		case 'else': return '{{else}}';
		case 'if': case 'range': case 'with': {
			let s = `{{${n.type} ${nodeString(n.pipe)}}}${nodeString(n.list)}`;
			if (n.elseList) s += `{{else}}${nodeString(n.elseList)}`;
			return s + '{{end}}';
		}
		case 'template':
			return n.pipe ? `{{template ${quote(n.name)} ${nodeString(n.pipe)}}}` : `{{template ${quote(n.name)}}}`;
		case 'break': return '{{break}}';
		case 'continue': return '{{continue}}';
	}
}
