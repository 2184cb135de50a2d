/**
 * The Go test fixtures that the extracted tables refer to, rebuilt in the value model: `tVal` and the
 * function map of text/template's exec_test.go, the `cmpStruct` of TestComparison, and a decoder of
 * the tables' GoLit values. Only data: every expected result comes from the upstream tables.
 */
import {
  GoError,
  GoNumber,
  GoStruct,
  goFunc,
  parseFloat64,
  parseInt64,
  sprint,
  sprintf,
  sprintln,
  typedMap,
  typedSlice,
  mapType,
  typeName,
  GO_TYPE,
  type GoCollectionType,
  type GoSlice,
  type GoFunc,
  type GoNumberType,
  type GoStructType,
  type GoValue,
} from '../../src/helm/template/index.js';

/** A Go value as the tables store it. */
export type GoLit =
  | { t: 'nil' }
  | { t: 'bool'; v: boolean }
  | { t: 'slice'; elem: string; items: GoLit[] }
  | { t: 'map'; elem: string; entries: [string, GoLit][] }
  | { t: string; v: string };

/** Rebuilds a table value; `refs` resolves named fixtures. */
export function decode(l: GoLit, refs: Readonly<Record<string, GoValue>> = {}): GoValue {
  if (l.t === 'nil') return null;
  if (l.t === 'bool') return (l as { v: boolean }).v;
  if (l.t === 'slice') {
    const s = l as { elem: string; items: GoLit[] };
    if (s.elem === 'byte' || s.elem === 'uint8')
      return Uint8Array.from(s.items, (x) =>
        Number(decode(x, refs) instanceof GoNumber ? (decode(x, refs) as GoNumber).value : 0),
      );
    return typedSlice(
      s.elem,
      s.items.map((x) => decode(x, refs)),
    );
  }
  if (l.t === 'map') {
    const m = l as { elem: string; entries: [string, GoLit][] };
    const out: Record<string, GoValue> = {};
    for (const [k, v] of m.entries) out[k] = decode(v, refs);
    return m.elem === 'interface {}' ? out : typedMap(mapType(m.elem), out);
  }
  const v = (l as { v: string }).v;
  if (l.t === 'ref') {
    if (!(v in refs)) throw new Error(`unknown fixture ${v}`);
    return refs[v] ?? null;
  }
  if (l.t === 'string') return v;
  if (l.t === 'float64') return parseFloat64(v);
  if (l.t === 'float32') return new GoNumber('float32', Math.fround(parseFloat64(v)));
  const n =
    /[.eEpP]/.test(v) && !/^-?0[xX][^pP]*$/.test(v) ? BigInt(parseFloat64(v)) : parseInt64(v.replace(/^\+/, ''), 0);
  if (l.t === 'int') return n;
  return new GoNumber(l.t as GoNumberType, n);
}

// ---------------------------------------------------------------------------------------------
// exec_test.go: types U, V, W, T and tVal

const U_TYPE: GoStructType = {
  name: '*template.U',
  pointer: true,
  fields: [{ name: 'V', type: 'string' }],
  methods: {
    TrueFalse: { signature: 'func(bool) string', fn: (_self, b) => (b === true ? 'true' : '') },
  },
};

function u(v: string): GoStruct {
  return new GoStruct(U_TYPE, { V: v });
}

const V_PTR: GoStructType = {
  name: '*template.V',
  pointer: true,
  fields: [{ name: 'j', type: 'int' }],
  methods: { String: { signature: 'func() string', fn: (self) => sprintf('<%d>', [self.fields.j ?? null]) } },
};

const W_PTR: GoStructType = {
  name: '*template.W',
  pointer: true,
  fields: [{ name: 'k', type: 'int' }],
  methods: { Error: { signature: 'func() string', fn: (self) => sprintf('[%d]', [self.fields.k ?? null]) } },
};

const ARRAY3: GoCollectionType = { name: '[3]int', elem: 'int' };

function ints(...n: number[]): GoValue {
  return typedSlice(
    'int',
    n.map((x) => BigInt(x)),
  );
}

function msi(entries: Record<string, number>): GoValue {
  return typedMap(mapType('int'), Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, BigInt(v)])));
}

const T_FIELDS: GoStructType['fields'] = [
  { name: 'True', type: 'bool' },
  { name: 'I', type: 'int' },
  { name: 'U16', type: 'uint16' },
  { name: 'X', type: 'string' },
  { name: 'S', type: 'string' },
  { name: 'FloatZero', type: 'float64' },
  { name: 'U', type: '*template.U' },
  { name: 'V1', type: '*template.V' },
  { name: 'V2', type: '*template.V' },
  { name: 'W1', type: '*template.W' },
  { name: 'W2', type: '*template.W' },
  { name: 'SI', type: '[]int' },
  { name: 'SICap', type: '[]int' },
  { name: 'SIEmpty', type: '[]int' },
  { name: 'SB', type: '[]bool' },
  { name: 'AI', type: '[3]int' },
  { name: 'MSI', type: 'map[string]int' },
  { name: 'MSIone', type: 'map[string]int' },
  { name: 'MSIEmpty', type: 'map[string]int' },
  { name: 'SMSI', type: '[]map[string]int' },
  { name: 'Empty0', type: 'interface {}' },
  { name: 'Empty1', type: 'interface {}' },
  { name: 'Empty2', type: 'interface {}' },
  { name: 'Empty3', type: 'interface {}' },
  { name: 'Empty4', type: 'interface {}' },
  { name: 'BinaryFunc', type: 'func(string, string) string' },
  { name: 'VariadicFunc', type: 'func(...string) string' },
  { name: 'VariadicFuncInt', type: 'func(int, ...string) string' },
  { name: 'NilOKFunc', type: 'func(*int) bool' },
  { name: 'ErrFunc', type: 'func() (string, error)' },
];

const myError = 'my error';

export const T_TYPE: GoStructType = {
  name: '*template.T',
  pointer: true,
  fields: T_FIELDS,
  methods: {
    Method0: { signature: 'func() string', fn: () => 'M0' },
    Method1: { signature: 'func(int) int', fn: (_s, a) => a },
    Method2: {
      signature: 'func(uint16, string) string',
      fn: (_s, a, b) => sprintf('Method2: %d %s', [a ?? null, b ?? null]),
    },
    Method3: { signature: 'func(interface {}) string', fn: (_s, v) => sprintf('Method3: %v', [v]) },
    Copy: { signature: 'func() *template.T', fn: (s) => new GoStruct(T_TYPE, { ...s.fields }) },
    MAdd: {
      signature: 'func(int, []int) []int',
      fn: (_s, a, b) => ints(...(b as GoValue[]).map((x) => Number(x as bigint) + Number(a as bigint))),
    },
    MyError: {
      signature: 'func(bool) (bool, error)',
      fn: (_s, e) => {
        if (e === true) throw new GoError(myError);
        return false;
      },
    },
    GetU: { signature: 'func() *template.U', fn: (s) => s.fields.U ?? null },
  },
};

function aiSlice(): GoValue {
  const s: GoSlice = [3n, 4n, 5n];
  s[GO_TYPE] = ARRAY3;
  return s;
}

/** exec_test.go's tVal (fields the model represents). */
export function tVal(): GoStruct {
  return new GoStruct(T_TYPE, {
    True: true,
    I: 17n,
    U16: new GoNumber('uint16', 16n),
    X: 'x',
    S: 'xyz',
    FloatZero: 0,
    U: u('v'),
    V1: new GoStruct(V_PTR, { j: 7777n }),
    V2: null,
    W1: new GoStruct(W_PTR, { k: 999n }),
    W2: null,
    SI: ints(3, 4, 5),
    SICap: ints(0, 0, 0, 0, 0),
    SIEmpty: ints(),
    SB: typedSlice('bool', [true, false]),
    AI: aiSlice(),
    MSI: msi({ one: 1, two: 2, three: 3 }),
    MSIone: msi({ one: 1 }),
    MSIEmpty: msi({}),
    SMSI: typedSlice('map[string]int', [msi({ one: 1, two: 2 }), msi({ eleven: 11, twelve: 12 })]),
    Empty0: null,
    Empty1: 3n,
    Empty2: 'empty2',
    Empty3: ints(7, 8),
    Empty4: u('UinEmpty'),
    BinaryFunc: goFunc('func(string, string) string', (a: string, b: string) => `[${a}=${b}]`),
    VariadicFunc: goFunc('func(...string) string', (...s: string[]) => sprint(['<', s.join('+'), '>'])),
    VariadicFuncInt: goFunc('func(int, ...string) string', (a: bigint, ...s: string[]) =>
      sprint([a, '=<', s.join('+'), '>']),
    ),
    NilOKFunc: goFunc('func(*int) bool', (p: GoValue) => p === null),
    ErrFunc: goFunc('func() (string, error)', () => 'bla'),
  });
}

/** exec_test.go's testExecute function map (without `count`, which returns a channel). */
export function execFuncs(): Record<string, GoFunc> {
  return {
    add: goFunc('func(...int) int', (...a: bigint[]) => a.reduce((x, y) => x + y, 0n)),
    dddArg: goFunc('func(int, ...string) string', (a: bigint, ...b: string[]) =>
      sprintln([a, typedSlice('string', b)]),
    ),
    die: goFunc('func() bool', () => {
      throw new GoError('die');
    }),
    echo: goFunc('func(interface {}) interface {}', (a: GoValue) => a),
    makemap: goFunc('func(...string) map[string]string', (...a: string[]) => {
      if (a.length % 2 !== 0) throw new GoError('bad makemap');
      const m: Record<string, GoValue> = {};
      for (let i = 0; i < a.length; i += 2) m[a[i] as string] = a[i + 1] as string;
      return typedMap(mapType('string'), m);
    }),
    mapOfThree: goFunc('func() interface {}', () => msi({ three: 3 })),
    oneArg: goFunc('func(string) string', (a: string) => 'oneArg=' + a),
    returnInt: goFunc('func() int', () => 7n),
    twoArgs: goFunc('func(string, string) string', (a: string, b: string) => 'twoArgs=' + a + b),
    typeOf: goFunc('func(interface {}) string', (a: GoValue) => typeName(a)),
    valueString: goFunc('func(string) string', () => 'value is ignored'),
    zeroArgs: goFunc('func() string', () => 'zeroArgs'),
  };
}

const CMP_TYPE: GoStructType = {
  name: '*struct { Uthree uint; Ufour uint; NegOne int; Three int }',
  pointer: true,
  fields: [
    { name: 'Uthree', type: 'uint' },
    { name: 'Ufour', type: 'uint' },
    { name: 'NegOne', type: 'int' },
    { name: 'Three', type: 'int' },
    { name: 'V1', type: 'template.V' },
    { name: 'V2', type: 'template.V' },
  ],
};

const V_VALUE: GoStructType = { name: 'template.V', fields: [{ name: 'j', type: 'int' }] };

/** TestComparison's cmpStruct (without the pointer, map and interface fields). */
export function cmpTestData(): GoStruct {
  return new GoStruct(CMP_TYPE, {
    Uthree: new GoNumber('uint', 3n),
    Ufour: new GoNumber('uint', 4n),
    NegOne: -1n,
    Three: 3n,
    V1: new GoStruct(V_VALUE, { j: 0n }),
    V2: new GoStruct(V_VALUE, { j: 0n }),
  });
}
