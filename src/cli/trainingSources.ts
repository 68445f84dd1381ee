import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { BUNDLED_SCRIPTS_DIR, type ScriptSource } from '../training/catalog.ts';
import { userScriptsDir } from '../training/dataDir.ts';

/** Where training scripts come from: bundled, the user's data folder, then each --scripts folder. */
export function trainingScriptSources(extraDirs: readonly string[] = []): ScriptSource[] {
  return [
    { dir: fileURLToPath(BUNDLED_SCRIPTS_DIR), label: 'bundled', required: false },
    { dir: userScriptsDir({ platform: process.platform, env: process.env, home: homedir() }), label: 'user', required: false },
    ...extraDirs.map((dir) => ({ dir, label: dir, required: true })),
  ];
}
