import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/training/catalog.ts';
import { bundledDir } from './helpers.ts';

const scratch = mkdtempSync(join(tmpdir(), 'callfloor-catalog-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('script catalog', () => {
  it('offers bundled and user scripts; a later source replaces an id; broken files and missing named folders are reported', async () => {
    const user = join(scratch, 'user');
    const mine = join(scratch, 'mine');
    for (const dir of [user, mine]) rmSync(dir, { recursive: true, force: true });
    mkdirSync(user);
    mkdirSync(mine);
    copyFileSync(join(bundledDir, 'hospital-appointment.yaml'), join(user, 'my-copy.yaml'));
    writeFileSync(join(mine, 'broken.yaml'), 'id: broken\ntitle: Broken\n');
    writeFileSync(join(mine, 'notes.txt'), 'not a script');
    const catalog = await loadCatalog([
      { dir: bundledDir, label: 'bundled', required: false },
      { dir: user, label: 'user', required: false },
      { dir: join(scratch, 'absent-user'), label: 'user', required: false },
      { dir: mine, label: mine, required: true },
      { dir: join(scratch, 'typo'), label: 'typo', required: true },
    ]);
    expect(catalog.entries.map((e) => `${e.script.id}@${e.source}`)).toEqual([
      'missing-parts-complaint@bundled',
      'order-status-secretary@bundled',
      'pre-sale-reassurance@bundled',
      'top-tier-switching@bundled',
      'hospital-appointment@user',
    ]);
    expect(catalog.errors.map((e) => `${e.file.replace(scratch, '')} ${e.code}`)).toEqual([
      '/mine/broken.yaml SCHEMA_MISSING',
      '/mine/broken.yaml SCHEMA_MISSING',
      '/mine/broken.yaml SCHEMA_MISSING',
      '/mine/broken.yaml SCHEMA_MISSING',
      '/mine/broken.yaml SCHEMA_MISSING',
      '/typo FILE_NOT_FOUND',
    ]);
  });
});
