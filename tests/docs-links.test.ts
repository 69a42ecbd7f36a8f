// The repository stands on its own: every relative link in its Markdown and every documentation citation in source
// comments ("docs: docs/whatsapp.md §3", "docs/domain.md §5.7") points at a file (and section) inside the repository.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const SKIP = new Set(['node_modules', 'dist', 'drizzle', '.git', 'data', 'coverage']);

function walk(dir: string, keep: (path: string) => boolean, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, keep, out);
    else if (keep(path)) out.push(path);
  }
  return out;
}

const markdownFiles = () => [join(ROOT, 'README.md'), ...walk(join(ROOT, 'docs'), (p) => p.endsWith('.md'))];
const sourceFiles = () => walk(join(ROOT, 'src'), (p) => /\.(ts|mts|js|mjs)$/.test(p));
const rel = (path: string) => relative(ROOT, path);

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
export function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/[^\p{L}\p{N} -]/gu, '')
    .replace(/ /g, '-');
}

function headingsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return [...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => m[1]!.trim());
}

/** Section numbers a file declares in its headings ("## 5. The recap", "### 5.7 Consistency rules" → 5, 5.7). */
function sectionsOf(file: string): Set<string> {
  return new Set(headingsOf(file).flatMap((h) => /^(\d+(?:\.\d+)*)\.?\s/.exec(h)?.[1] ?? []));
}

/** Problems with one link target written in `from`; none when it resolves inside the repository. */
function checkTarget(from: string, target: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return null; // http:, https:, mailto:
  const [pathPart = '', anchor] = target.split('#');
  const path = pathPart === '' ? from : resolve(dirname(from), decodeURIComponent(pathPart));
  if (!path.startsWith(ROOT + '/') && path !== ROOT) return `${target} points outside the repository`;
  if (!existsSync(path)) return `${target} does not exist`;
  if (anchor && path.endsWith('.md') && !headingsOf(path).some((h) => anchorOf(h) === anchor)) return `${target}: no heading #${anchor}`;
  return null;
}

function markdownLinks(text: string): string[] {
  const body = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...body.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g), ...body.matchAll(/^\[[^\]]+\]:\s*(\S+)/gm)].map((m) => m[1]!);
}

const DOC_FILES: Record<string, string> = { 'domain.md': 'docs/domain.md', 'whatsapp.md': 'docs/whatsapp.md', 'simulator.md': 'docs/simulator.md' };

/** Citations in source comments: "docs: <path>[ §N]" and "<name>.md §N[, §M]" / "§N–§M". */
function citations(text: string): Array<{ file: string; sections: string[] }> {
  const found: Array<{ file: string; sections: string[] }> = [];
  for (const m of text.matchAll(/docs:\s*([^\s),;]+)/g)) found.push({ file: m[1]!, sections: [] });
  for (const m of text.matchAll(/((?:[\w./-]*\/)?[\w-]+\.md)((?:\s*(?:,|and|–|-)?\s*§\s*\d+(?:\.\d+)*)+)/g)) {
    found.push({ file: m[1]!, sections: [...m[2]!.matchAll(/§\s*(\d+(?:\.\d+)*)/g)].map((s) => s[1]!) });
  }
  return found;
}

describe('documentation stays inside the repository', () => {
  it('when the Markdown files are read, then every relative link resolves to a file (and heading) in the repository', () => {
    const problems: string[] = [];
    for (const file of markdownFiles()) {
      for (const target of markdownLinks(readFileSync(file, 'utf8'))) {
        const problem = checkTarget(file, target);
        if (problem) problems.push(`${rel(file)}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('when any Markdown or source file is read, then none mentions the team folder outside the repository', () => {
    // Spelled in pieces so this file does not name it either.
    const outside = ['..', 'shared'].join('/');
    const offenders = [...markdownFiles(), ...sourceFiles()].filter((f) => readFileSync(f, 'utf8').includes(outside) || /\bshared (simulator|domain|baileys)\.md/.test(readFileSync(f, 'utf8')));
    expect(offenders.map(rel)).toEqual([]);
  });

  it('when source comments cite documentation, then each cited file exists in the repository and each cited § is a heading there', () => {
    const problems: string[] = [];
    for (const file of sourceFiles()) {
      for (const { file: cited, sections } of citations(readFileSync(file, 'utf8'))) {
        const path = cited.includes('/') ? resolve(ROOT, cited) : DOC_FILES[cited] ? join(ROOT, DOC_FILES[cited]) : null;
        if (path === null) {
          problems.push(`${rel(file)}: cites ${cited}, which is not a document of this repository`);
          continue;
        }
        if (!path.startsWith(ROOT + '/') || !existsSync(path)) {
          problems.push(`${rel(file)}: cites ${cited}, which does not exist in the repository`);
          continue;
        }
        const declared = path.endsWith('.md') ? sectionsOf(path) : new Set<string>();
        for (const section of sections) if (!declared.has(section)) problems.push(`${rel(file)}: ${cited} has no §${section}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('when a heading is turned into an anchor, then it is the one GitHub makes', () => {
    expect(anchorOf('Running on a real number')).toBe('running-on-a-real-number');
    expect(anchorOf('5. The monthly village recap ("C1/Des/Dal")')).toBe('5-the-monthly-village-recap-c1desdal');
  });
});
