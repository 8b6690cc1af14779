/**
 * The part of API Gateway's mapping templates (Velocity, VTL) that the construct's and aws-cdk-lib's
 * CORS answers use, evaluated as API Gateway documents it; anything else is refused when the
 * template is read, so the stand-in never guesses what a template does.
 *
 * Modelled: plain text; `#set($name = ...)`; `#set($context.responseOverride.header.<Name> = ...)`
 * (the header replaces the mapped one; overriding one twice is API Gateway's 500); `#if(...)` ...
 * `#end`; conditions `a == b` joined by `||` or by `&&`; values `$name`, string literals with `$name`
 * and `$!name` in them, and `$input.params().header.get("<Name>")`, the request header of that exact
 * name. Velocity's rules: a `#set` to a null value leaves the variable as it was; `==` with one null
 * side is false (two null sides are refused); `$!name` of null is empty, `$name` of null stays as
 * written. A line holding only directives and white space writes nothing, not even its line break
 * (Velocity gobbles the line break after such directives). Velocity 1.7 may keep the white space
 * that indents such a line; the only templates here with indented directives are aws-cdk-lib's
 * preflights, which answer 204, and a 204 has no body, so no answer shows the difference.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-override-request-response-parameters.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html
 */

/** What a template may read of the request. */
export interface TemplateRequest {
  /** The value of the request header spelled exactly `name`, if the request has one. */
  header(name: string): string | undefined;
}

export interface TemplateResult {
  readonly body: string;
  /** The headers set through `$context.responseOverride.header`. */
  readonly headerOverrides: { [name: string]: string };
}

type Value =
  | { readonly kind: 'var'; readonly name: string }
  | { readonly kind: 'header'; readonly name: string }
  | { readonly kind: 'string'; readonly parts: ReadonlyArray<string | { readonly name: string; readonly quiet: boolean }> };

interface Condition {
  readonly join: '||' | '&&';
  readonly comparisons: ReadonlyArray<readonly [Value, Value]>;
}

type Node =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'set'; readonly target: { readonly var: string } | { readonly overrideHeader: string }; readonly value: Value }
  | { readonly kind: 'if'; readonly condition: Condition; readonly body: Node[] };

type Token = { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'set'; readonly node: Node }
  | { readonly kind: 'if'; readonly condition: Condition }
  | { readonly kind: 'end' };

/** A parsed template; `MappingTemplate.parse` throws on what it does not model. */
export class MappingTemplate {
  private constructor(private readonly nodes: Node[]) {}

  public static parse(where: string, source: string): MappingTemplate {
    const refuse = (what: string): never => {
      throw new Error(`${where}: the stand-in does not model ${what} in the mapping template: ${source}`);
    };
    const tokens: Token[] = [];
    const lines = source.split('\n');
    lines.forEach((line, i) => {
      const lineTokens = tokenizeLine(line, refuse);
      const directivesOnly = lineTokens.some((t) => t.kind !== 'text')
        && lineTokens.every((t) => t.kind !== 'text' || t.text.trim() === '');
      if (directivesOnly) {
        tokens.push(...lineTokens.filter((t) => t.kind !== 'text'));
      } else {
        tokens.push(...lineTokens);
        if (i < lines.length - 1) {
          tokens.push({ kind: 'text', text: '\n' });
        }
      }
    });
    let at = 0;
    const block = (inside: boolean): Node[] => {
      const nodes: Node[] = [];
      while (at < tokens.length) {
        const token = tokens[at++];
        if (token.kind === 'end') {
          if (!inside) {
            refuse('an #end without an #if');
          }
          return nodes;
        }
        if (token.kind === 'text') {
          nodes.push({ kind: 'text', text: token.text });
        } else if (token.kind === 'set') {
          nodes.push(token.node);
        } else {
          nodes.push({ kind: 'if', condition: token.condition, body: block(true) });
        }
      }
      if (inside) {
        refuse('an #if without its #end');
      }
      return nodes;
    };
    return new MappingTemplate(block(false));
  }

  /** What API Gateway makes of the template for `request`; throws where API Gateway answers 500. */
  public evaluate(request: TemplateRequest): TemplateResult {
    const vars = new Map<string, string>();
    const headerOverrides: { [name: string]: string } = Object.create(null);
    let body = '';
    const valueOf = (value: Value): string | undefined => {
      switch (value.kind) {
        case 'var': return vars.get(value.name);
        case 'header': return request.header(value.name);
        case 'string': return value.parts.map((part) => typeof part === 'string'
          ? part
          : (vars.get(part.name) ?? (part.quiet ? '' : `$${part.name}`))).join('');
      }
    };
    const holds = (condition: Condition): boolean => {
      const results = condition.comparisons.map(([left, right]) => {
        const [l, r] = [valueOf(left), valueOf(right)];
        if (l === undefined && r === undefined) {
          throw new Error('the stand-in does not model == between two null values');
        }
        return l !== undefined && r !== undefined && l === r;
      });
      return condition.join === '||' ? results.some(Boolean) : results.every(Boolean);
    };
    const run = (nodes: Node[]) => {
      for (const node of nodes) {
        if (node.kind === 'text') {
          body += node.text;
        } else if (node.kind === 'if') {
          if (holds(node.condition)) {
            run(node.body);
          }
        } else {
          const value = valueOf(node.value);
          if (value === undefined) {
            continue;
          }
          if ('var' in node.target) {
            vars.set(node.target.var, value);
          } else if (node.target.overrideHeader in headerOverrides) {
            throw new Error(`the template overrides the header ${node.target.overrideHeader} twice, which API Gateway answers with a 5XX`);
          } else {
            headerOverrides[node.target.overrideHeader] = value;
          }
        }
      }
    };
    run(this.nodes);
    return { body, headerOverrides };
  }
}

const NAME = '[A-Za-z][A-Za-z0-9_-]*';

function tokenizeLine(line: string, refuse: (what: string) => never): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < line.length) {
    const rest = line.slice(at);
    if (rest.startsWith('#set(') || rest.startsWith('#if(')) {
      const open = rest.indexOf('(');
      const close = closingParen(rest, open, refuse);
      const inner = rest.slice(open + 1, close).trim();
      tokens.push(rest.startsWith('#set(') ? { kind: 'set', node: parseSet(inner, refuse) } : { kind: 'if', condition: parseCondition(inner, refuse) });
      at += close + 1;
    } else if (rest.startsWith('#end')) {
      tokens.push({ kind: 'end' });
      at += 4;
    } else if (rest.startsWith('#') || rest.startsWith('$')) {
      refuse(`"${rest.slice(0, 20)}"`);
    } else {
      const next = rest.search(/[#$]/);
      const text = next < 0 ? rest : rest.slice(0, next);
      tokens.push({ kind: 'text', text });
      at += text.length;
    }
  }
  return tokens;
}

/** The index of the `)` that closes the `(` at `open`, skipping string literals. */
function closingParen(text: string, open: number, refuse: (what: string) => never): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) {
        refuse('an unclosed string');
      }
      i = end;
    } else if (text[i] === '(') {
      depth++;
    } else if (text[i] === ')' && --depth === 0) {
      return i;
    }
  }
  return refuse('an unclosed directive');
}

function parseSet(inner: string, refuse: (what: string) => never): Node {
  const match = new RegExp(`^\\$(${NAME}(?:\\.${NAME})*)\\s*=\\s*(.+)$`, 's').exec(inner);
  if (!match) {
    return refuse(`#set(${inner})`);
  }
  const override = new RegExp(`^context\\.responseOverride\\.header\\.(${NAME})$`).exec(match[1]);
  if (match[1].includes('.') && !override) {
    return refuse(`a #set of $${match[1]}`);
  }
  const target = override ? { overrideHeader: override[1] } : { var: match[1] };
  return { kind: 'set', target, value: parseValue(match[2].trim(), refuse) };
}

function parseCondition(inner: string, refuse: (what: string) => never): Condition {
  const join = inner.includes('||') ? '||' : '&&';
  if (join === '||' && inner.includes('&&')) {
    return refuse(`a condition that mixes || and && (${inner})`);
  }
  const comparisons = splitOutsideStrings(inner, join).map((part) => {
    const sides = splitOutsideStrings(part, '==');
    if (sides.length !== 2) {
      return refuse(`the condition "${part.trim()}"`);
    }
    return [parseValue(sides[0].trim(), refuse), parseValue(sides[1].trim(), refuse)] as const;
  });
  return { join, comparisons };
}

function parseValue(text: string, refuse: (what: string) => never): Value {
  const header = /^\$input\.params\(\)\.header\.get\("([^"$]+)"\)$/.exec(text);
  if (header) {
    return { kind: 'header', name: header[1] };
  }
  const variable = new RegExp(`^\\$(${NAME})$`).exec(text);
  if (variable) {
    return { kind: 'var', name: variable[1] };
  }
  const literal = /^"([^"\\]*)"$/.exec(text);
  if (literal) {
    const parts: Array<string | { name: string; quiet: boolean }> = [];
    const reference = new RegExp(`\\$(!?)(${NAME})`, 'g');
    let last = 0;
    for (const m of literal[1].matchAll(reference)) {
      parts.push(literal[1].slice(last, m.index));
      parts.push({ name: m[2], quiet: m[1] === '!' });
      last = m.index + m[0].length;
    }
    parts.push(literal[1].slice(last));
    if (parts.some((p) => typeof p === 'string' && /[$#]/.test(p))) {
      return refuse(`the string ${text}`);
    }
    return { kind: 'string', parts };
  }
  return refuse(`the value ${text}`);
}

/** `text` split at each `separator` that is not inside a string literal. */
function splitOutsideStrings(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') {
      quoted = !quoted;
    } else if (!quoted && text.startsWith(separator, i)) {
      parts.push(text.slice(start, i));
      start = i + separator.length;
      i += separator.length - 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
