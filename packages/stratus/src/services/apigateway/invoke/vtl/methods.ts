/**
 * The Java methods templates call on values: functions the variables carry (`$input.params()`,
 * `$util.escapeJavaScript()`), and String, List and Map methods on plain values.
 */
export function callMethod(target: unknown, name: string, args: unknown[]): unknown {
  const own = (target as Record<string, unknown>)[name];
  if (typeof own === 'function' && !(typeof target === 'string')) return own.apply(target, args);
  if (typeof target === 'string') return stringMethod(target, name, args);
  if (Array.isArray(target)) return listMethod(target, name, args);
  if (target && typeof target === 'object') return mapMethod(target as Record<string, unknown>, name, args);
  return undefined;
}

function stringMethod(s: string, name: string, args: unknown[]): unknown {
  const [a, b] = args.map((arg) => (arg === undefined || arg === null ? '' : String(arg)));
  switch (name) {
    case 'length':
      return s.length;
    case 'isEmpty':
      return s.length === 0;
    case 'toLowerCase':
      return s.toLowerCase();
    case 'toUpperCase':
      return s.toUpperCase();
    case 'trim':
      return s.trim();
    case 'contains':
      return s.includes(a!);
    case 'startsWith':
      return s.startsWith(a!);
    case 'endsWith':
      return s.endsWith(a!);
    case 'equals':
      return s === args[0];
    case 'equalsIgnoreCase':
      return s.toLowerCase() === String(args[0]).toLowerCase();
    case 'indexOf':
      return s.indexOf(a!);
    case 'replace':
      return s.split(a!).join(b);
    case 'replaceAll':
      return s.replace(new RegExp(a!, 'g'), b!.replace(/\$(\d)/g, '$$$1'));
    case 'matches':
      return new RegExp(`^(?:${a})$`).test(s);
    case 'split':
      return s.split(new RegExp(a!));
    case 'substring':
      return s.substring(Number(args[0]), args[1] === undefined ? undefined : Number(args[1]));
    case 'toString':
      return s;
    default:
      return undefined;
  }
}

function listMethod(list: unknown[], name: string, args: unknown[]): unknown {
  switch (name) {
    case 'size':
      return list.length;
    case 'isEmpty':
      return list.length === 0;
    case 'get':
      return list[Number(args[0])];
    case 'contains':
      return list.includes(args[0]);
    default:
      return undefined;
  }
}

function mapMethod(map: Record<string, unknown>, name: string, args: unknown[]): unknown {
  const entries = Object.entries(map).filter(([, v]) => typeof v !== 'function');
  switch (name) {
    case 'get':
      return map[String(args[0])];
    case 'containsKey':
      return Object.hasOwn(map, String(args[0]));
    case 'keySet':
      return entries.map(([k]) => k);
    case 'values':
      return entries.map(([, v]) => v);
    case 'entrySet':
      return entries.map(([key, value]) => ({ key, value }));
    case 'size':
      return entries.length;
    case 'isEmpty':
      return entries.length === 0;
    case 'put':
      map[String(args[0])] = args[1];
      return undefined;
    default:
      return undefined;
  }
}
