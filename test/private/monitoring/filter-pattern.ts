/*
 * A small evaluator for the subset of CloudWatch Logs' JSON filter patterns the construct's metric
 * filters use, so that a test can run a pattern over log lines without AWS. What it knows, from
 * "Filter pattern syntax for metric filters, subscription filters, filter log events" in the
 * CloudWatch Logs user guide (JSON log events):
 *
 *   { SELECTOR EQUALITY_OPERATOR STRING }   with = or !=; STRING quoted ("...") or bare; `*` is a
 *                                           wildcard anywhere in it
 *   { SELECTOR NUMERIC_OPERATOR NUMBER }    with =, !=, <, >, <=, >=
 *   A && B, A || B, ( A )                   && binds tighter than ||
 *   SELECTOR is $.field or $.field.field... (a path into the JSON object)
 *
 * A line that is not a JSON object matches no JSON pattern. A field that is missing matches
 * neither = nor != (CloudWatch's `!=` needs the field to exist too). Anything else (IS NULL,
 * NOT EXISTS, IS TRUE, arrays, regular expressions, a number compared with a string field or the
 * other way round) is refused with an error rather than guessed.
 */

type Token = { kind: 'open' | 'close' | 'and' | 'or' | 'lparen' | 'rparen' | 'op'; text: string }
| { kind: 'selector'; path: string[] }
| { kind: 'string'; text: string }
| { kind: 'number'; value: number };

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const rest = pattern.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const simple: Array<[RegExp, Token['kind']]> = [[/^\{/, 'open'], [/^\}/, 'close'], [/^&&/, 'and'], [/^\|\|/, 'or'],
      [/^\(/, 'lparen'], [/^\)/, 'rparen'], [/^(!=|<=|>=|=|<|>)/, 'op']];
    const hit = simple.find(([re]) => re.test(rest));
    if (hit) {
      const text = hit[0].exec(rest)![0];
      tokens.push({ kind: hit[1], text } as Token);
      i += text.length;
      continue;
    }
    const selector = /^\$((?:\.[A-Za-z0-9_-]+)+)/.exec(rest);
    if (selector) {
      tokens.push({ kind: 'selector', path: selector[1].slice(1).split('.') });
      i += selector[0].length;
      continue;
    }
    const quoted = /^"((?:[^"\\]|\\.)*)"/.exec(rest);
    if (quoted) {
      tokens.push({ kind: 'string', text: JSON.parse(`"${quoted[1]}"`) });
      i += quoted[0].length;
      continue;
    }
    const number = /^-?\d+(\.\d+)?(?=[\s})&|]|$)/.exec(rest);
    if (number) {
      tokens.push({ kind: 'number', value: Number(number[0]) });
      i += number[0].length;
      continue;
    }
    const bare = /^[A-Za-z0-9_.*:/-]+/.exec(rest);
    if (bare && !/^(IS|NOT|EXISTS|NULL|TRUE|FALSE)$/.test(bare[0])) {
      tokens.push({ kind: 'string', text: bare[0] });
      i += bare[0].length;
      continue;
    }
    throw new Error(`filter pattern ${JSON.stringify(pattern)}: ${JSON.stringify(rest.slice(0, 20))} is not in the supported subset`);
  }
  return tokens;
}

type Test = (event: unknown) => boolean;

/** Parses a JSON filter pattern of the subset above into a test of a parsed log event. */
export function compileFilterPattern(pattern: string): (line: string) => boolean {
  const tokens = tokenize(pattern);
  let pos = 0;
  const peek = () => tokens[pos];
  const take = (kind: Token['kind']): Token => {
    const token = tokens[pos];
    if (!token || token.kind !== kind) {
      throw new Error(`filter pattern ${JSON.stringify(pattern)}: expected ${kind} at token ${pos}`);
    }
    pos++;
    return token;
  };

  const comparison = (): Test => {
    if (peek()?.kind === 'lparen') {
      take('lparen');
      const inner = disjunction();
      take('rparen');
      return inner;
    }
    const selector = take('selector') as Extract<Token, { kind: 'selector' }>;
    const op = (take('op') as { text: string }).text;
    const value = tokens[pos++];
    if (!value || (value.kind !== 'string' && value.kind !== 'number')) {
      throw new Error(`filter pattern ${JSON.stringify(pattern)}: a comparison needs a string or a number`);
    }
    return (event) => {
      const field = select(event, selector.path);
      if (field === undefined) {
        return false;
      }
      if (value.kind === 'string') {
        if (op !== '=' && op !== '!=') {
          throw new Error(`filter pattern ${JSON.stringify(pattern)}: ${op} needs a number`);
        }
        if (typeof field !== 'string') {
          throw new Error(`filter pattern ${JSON.stringify(pattern)}: a string compared with ${JSON.stringify(field)} is not in the subset`);
        }
        const equal = wildcard(value.text).test(field);
        return op === '=' ? equal : !equal;
      }
      if (typeof field !== 'number') {
        throw new Error(`filter pattern ${JSON.stringify(pattern)}: a number compared with ${JSON.stringify(field)} is not in the subset`);
      }
      switch (op) {
        case '=': return field === value.value;
        case '!=': return field !== value.value;
        case '<': return field < value.value;
        case '>': return field > value.value;
        case '<=': return field <= value.value;
        default: return field >= value.value;
      }
    };
  };
  const conjunction = (): Test => {
    const parts = [comparison()];
    while (peek()?.kind === 'and') {
      take('and');
      parts.push(comparison());
    }
    return (event) => parts.every((part) => part(event));
  };
  const disjunction = (): Test => {
    const parts = [conjunction()];
    while (peek()?.kind === 'or') {
      take('or');
      parts.push(conjunction());
    }
    return (event) => parts.some((part) => part(event));
  };

  take('open');
  const test = disjunction();
  take('close');
  if (pos !== tokens.length) {
    throw new Error(`filter pattern ${JSON.stringify(pattern)}: text after the closing brace`);
  }
  return (line) => {
    let event: unknown;
    try {
      event = JSON.parse(line);
    } catch {
      return false;
    }
    return typeof event === 'object' && event !== null && !Array.isArray(event) && test(event);
  };
}

function select(event: unknown, path: string[]): unknown {
  let value: unknown = event;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !(key in value)) {
      return undefined;
    }
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A whole-value match of `text`, `*` matching any run of characters. */
function wildcard(text: string): RegExp {
  return new RegExp(`^${text.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');
}
