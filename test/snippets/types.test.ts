import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const FILE = path.resolve(__dirname, 'types.check.ts');
const DIRECTIVE = /^\s*\/\/ @ts-expect-error\b.*$/;

const OPTIONS: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  resolveJsonModule: true,
  skipLibCheck: true,
  types: [],
};

/** Type errors of types.check.ts when its text is `text`, as [1-based line, message]. */
function typeErrors(text: string): [number, string][] {
  const host = ts.createCompilerHost(OPTIONS);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, ...rest) =>
    path.resolve(name) === FILE ? ts.createSourceFile(name, text, version) : getSourceFile(name, version, ...rest);
  const program = ts.createProgram([FILE], OPTIONS, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const line = diagnostic.file?.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line ?? -1;
    expect(diagnostic.file?.fileName && path.resolve(diagnostic.file.fileName)).toBe(FILE);
    return [line + 1, ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')];
  });
}

describe('registry types', () => {
  const source = ts.sys.readFile(FILE) ?? '';
  const lines = source.split('\n');
  const marked = lines.flatMap((line, index) => (DIRECTIVE.test(line) ? [index + 2] : []));

  it('compile as written: every marked line is rejected, every other line accepted', () => {
    expect(marked.length).toBe(6);
    expect(typeErrors(source)).toEqual([]);
  });

  it('reject each marked line for the reason its directive names', () => {
    const unmarked = lines.map((line) => line.replace(DIRECTIVE, '')).join('\n');
    const errors = typeErrors(unmarked);
    expect(errors.map(([line]) => line)).toEqual(marked);
    const byName = (name: string) => errors.find(([line]) => lines[line - 1]?.includes(`const ${name}:`))?.[1];
    expect(byName('bareBindingAddress')).toContain("'RUNTIME_BINDING_ADDRESS' does not exist");
    expect(byName('proxyVariableOnApp')).toContain("'CONTAINERS' does not exist");
    expect(byName('unknownImage')).toContain('"nginx"');
    expect(byName('unknownClaim')).toContain('"port-open"');
    expect(byName('unknownContainer')).toContain('"my-app"');
    expect(byName('unknownCaption')).toContain('"caption.no-such-key"');
  });
});
