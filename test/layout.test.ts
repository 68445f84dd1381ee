/**
 * The layout the house style asks for, checked: no source file over 500 lines, no import
 * circle, a kernel that imports nothing outside itself, and a replication that names
 * no feature — features are modules in src/sim/features behind one interface.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const files = sources('src');
const imports = new Map(
  files.map((file) => {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]/g)].map((match) => normalize(join(dirname(file), match[1]!)));
    return [file, targets] as const;
  }),
);

/** Strongly connected components of more than one module (Tarjan). */
function circles(): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, next);
    low.set(file, next++);
    stack.push(file);
    onStack.add(file);
    for (const target of imports.get(file) ?? []) {
      if (!imports.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) low.set(file, Math.min(low.get(file)!, index.get(target)!));
    }
    if (low.get(file) === index.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      if (component.length > 1) found.push(component);
    }
  };
  for (const file of files) if (!index.has(file)) visit(file);
  return found;
}

describe('the layout of src/', () => {
  it('has no file over 500 lines', () => {
    const long = files.map((file) => [file, readFileSync(file, 'utf8').split('\n').length - 1] as const).filter(([, lines]) => lines > 500);
    expect(long).toEqual([]);
  });

  it('has no import circle', () => {
    expect(circles()).toEqual([]);
  });

  it('has a kernel that imports nothing outside src/kernel', () => {
    const outside = files.filter((file) => file.startsWith('src/kernel/')).flatMap((file) => imports.get(file)!.filter((target) => !target.startsWith('src/kernel/')));
    expect(outside).toEqual([]);
  });

  it('has a replication that names no feature', () => {
    const features = /secretary|callback|retrial|announce|afterHours|after-hours|voicemail|roster|shift|blend|channel|contact|script|overflow|routing|skill/i;
    for (const file of ['src/sim/replication.ts']) {
      const code = readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => !/^\s*(\*|\/\/|\/\*\*)/.test(line))
        .map((line) => line.replace(/\/\/.*$/, ''));
      const named = code.filter((line) => features.test(line) && !/^import /.test(line));
      expect(named, file).toEqual([]);
    }
  });
});
